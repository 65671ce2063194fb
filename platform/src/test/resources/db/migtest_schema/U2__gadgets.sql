ALTER TABLE widgets DROP COLUMN colour;
DROP TABLE gadgets;
