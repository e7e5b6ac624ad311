"""Create the database named by DATABASE_URL if it does not exist yet and the role may (`make prod`).

A school's IT usually creates it as the postgres user (README); this makes a first try on a machine
whose role has CREATEDB as short as `make prod`. Prints what it did; exits non-zero with the README
step when it cannot."""

from __future__ import annotations

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    config = dj_database_url.parse(url) if url else {}
    if config.get("ENGINE") != "django.db.backends.postgresql":
        print("Set DATABASE_URL to the PostgreSQL database (postgres://role:password@host:5432/name).")
        return 1
    params = {"host": config["HOST"] or None, "port": config["PORT"] or None, "user": config["USER"] or None,
              "password": config["PASSWORD"] or None}
    try:
        psycopg.connect(dbname=config["NAME"], connect_timeout=5, **params).close()
        return 0
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            print(f"Cannot reach the database: {error}".strip())
            return 1
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **params) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    except psycopg.Error as error:
        print(f"Database {config['NAME']} does not exist and could not be created ({error}).".strip())
        print("Create it as the postgres user (README, step 2): createdb --owner=nurture nurture")
        return 1
    print(f"Created database {config['NAME']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
