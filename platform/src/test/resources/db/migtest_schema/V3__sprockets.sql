CREATE TABLE sprockets (id bigserial PRIMARY KEY, teeth int NOT NULL CHECK (teeth > 0));
