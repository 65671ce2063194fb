CREATE TABLE gadgets (id bigserial PRIMARY KEY, widget_id bigint REFERENCES widgets (id));
ALTER TABLE widgets ADD COLUMN colour text;
