"""Drop and create the benchmark database named by a postgres:// URL (never the default one).

Usage: python -m benchmarks.recreate_database postgres://postgres@127.0.0.1:5432/wajong_bench
"""

import sys

import environ
import psycopg
from psycopg import sql


def recreate(url: str) -> str:
    config = environ.Env.db_url_config(url)
    name = config["NAME"]
    if not name.endswith("_bench"):
        raise SystemExit(f"refusing to drop {name!r}: a benchmark database name ends in _bench")
    with psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


if __name__ == "__main__":
    print(f"recreated database {recreate(sys.argv[1])}")
