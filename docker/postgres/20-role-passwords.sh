#!/usr/bin/env bash
# Gives each service's role the password its service logs in with (PROST_<SERVICE>_DB_PASSWORD).
# The postgres image runs this once, on an empty data directory, after 10-bootstrap.sql has made
# the roles and schemas; a role without a password could not log in over the compose network.
set -euo pipefail

for svc in users catalog cart orders; do
  var="PROST_${svc^^}_DB_PASSWORD"
  password="${!var:-}"
  if [[ -z $password ]]; then
    echo "$var is not set" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v role="${svc}_svc" -v password="$password" <<'SQL'
ALTER ROLE :"role" PASSWORD :'password';
SQL
done
