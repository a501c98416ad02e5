-- The job repository on PostgreSQL 15 or later, with least privilege. Run once, as a superuser (or a role with
-- CREATEROLE and CREATEDB), with psql; the password comes from your secret store, never from this file:
--
--   psql "host=db.example.internal dbname=postgres user=postgres sslmode=verify-full" \
--        -v role=writeback -v database=writeback -v password="$WRITEBACK_DB_PASSWORD" \
--        -f docs/postgresql/create-role-and-database.sql
--
-- What the job's role may do: log in, connect to its own database, and create and use tables in its own schema
-- (Flyway creates the Spring Batch and staging tables there on the first run). Nothing else: no superuser, no
-- CREATEDB/CREATEROLE, no replication, no row-level-security bypass, no objects in `public`, no other database.
-- The run lock needs no grant: session-level advisory locks are open to every role, and a role may always end its
-- own sessions (pg_terminate_backend), which is how a run takes over a lock whose pod was lost (see the README).
\set ON_ERROR_STOP on

CREATE ROLE :"role" LOGIN PASSWORD :'password'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT
    CONNECTION LIMIT 50;   -- a pool of 16 per process, a few processes (definitions) at once

-- owned by the administrator, not by the job: the job cannot drop or reconfigure its database
CREATE DATABASE :"database" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"database" TO :"role";

\connect :"database"
REVOKE ALL ON SCHEMA public FROM PUBLIC;
-- the job's tables live in a schema of its own, which it owns (Flyway migrates it)
CREATE SCHEMA writeback AUTHORIZATION :"role";
ALTER ROLE :"role" IN DATABASE :"database" SET search_path = writeback;

-- the server notices a lost client (a node that vanished) within about a minute instead of two hours; the job also
-- sets these on its run-lock session
ALTER ROLE :"role" SET tcp_keepalives_idle = 30;
ALTER ROLE :"role" SET tcp_keepalives_interval = 10;
ALTER ROLE :"role" SET tcp_keepalives_count = 3;
-- a transaction left open by a stuck process does not hold locks and row versions for ever
ALTER ROLE :"role" SET idle_in_transaction_session_timeout = '15min';
