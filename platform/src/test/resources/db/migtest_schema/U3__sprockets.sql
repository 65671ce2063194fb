DROP TABLE sprockets;
