-- Customers and admins. E-mail is unique without regard to case; the hash is a PHC
-- string ($argon2id$v=19$m=...,t=...,p=...$salt$hash) so parameters can be raised later
-- while old hashes still verify.
CREATE TABLE users (
  id            uuid        PRIMARY KEY,
  email         text        NOT NULL,
  password_hash text        NOT NULL,
  name          text        NOT NULL,
  roles         text[]      NOT NULL DEFAULT '{customer}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       bigint      NOT NULL DEFAULT 0,
  CONSTRAINT users_roles_known CHECK (roles <@ ARRAY['customer', 'admin']::text[])
);

CREATE UNIQUE INDEX users_email_ci ON users (lower(email));
