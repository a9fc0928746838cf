#!/bin/sh
# Runs once, on the first start of the compose PostgreSQL (empty data directory), as the image's
# docker-entrypoint-initdb.d hook: the least-privilege roles of scripts/infra.sh.
#   governance_alerting  the alerting service: rows only (table grants come from its migrations,
#                        Storage/Always/grants.sql, applied at every start as the owner governance)
#   governance_readonly  the CLI (governance alerts show|tail, rules stats): SELECT only
# Passwords from the environment (docker-compose.yml passes them, with local-development defaults).
set -eu
: "${GOVERNANCE_ALERTING_PG_PASSWORD:?must be set}"
: "${GOVERNANCE_READONLY_PG_PASSWORD:?must be set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v apw="$GOVERNANCE_ALERTING_PG_PASSWORD" -v rpw="$GOVERNANCE_READONLY_PG_PASSWORD" \
  -v db="$POSTGRES_DB" <<'SQL'
SELECT 'CREATE ROLE governance_alerting' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'governance_alerting')
\gexec
SELECT 'CREATE ROLE governance_readonly' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'governance_readonly')
\gexec
ALTER ROLE governance_alerting WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'apw';
ALTER ROLE governance_readonly WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'rpw';
GRANT CONNECT ON DATABASE :"db" TO governance_alerting, governance_readonly;
REVOKE CREATE ON DATABASE :"db" FROM governance_alerting, governance_readonly;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
echo "init-roles: governance_alerting and governance_readonly ready"
