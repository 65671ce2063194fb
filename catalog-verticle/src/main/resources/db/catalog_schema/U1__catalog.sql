DROP TABLE IF EXISTS inventory_reservations;
DROP TABLE IF EXISTS products;
DROP TABLE IF EXISTS categories;
