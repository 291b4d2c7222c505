"""Dump and load the database: SQLite through its online backup API, PostgreSQL through
pg_dump/pg_restore. Both dumps are consistent while the site keeps writing, and the row
counts recorded beside them are taken from the same snapshot as the dump."""

import errno
import os
import re
import shutil
import sqlite3
import subprocess  # noqa: S404 - runs pg_dump/pg_restore with argument lists we build
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why and what to do."""


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# SQLite ------------------------------------------------------------------------------------


def sqlite_dump(target: Path) -> dict[str, int]:
    """Copy the live SQLite database into `target`; return the row count of every table."""
    source = sqlite3.connect(str(connection.settings_dict["NAME"]), timeout=30)
    copy = sqlite3.connect(str(target))
    try:
        # One step: SQLite copies a single consistent snapshot (in WAL mode writers go on).
        source.backup(copy)
        return sqlite_counts(copy)
    finally:
        copy.close()
        source.close()


def sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    return {name: db.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()[0] for name in names}  # noqa: S608


def sqlite_load(dump: Path) -> dict[str, int]:
    """Replace the live database's content with `dump`; return the restored row counts."""
    check = sqlite3.connect(str(dump))
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        raise BackupError(f"The database in the backup is damaged ({result}); nothing was changed.")
    connection.close()
    source = sqlite3.connect(str(dump))
    live = sqlite3.connect(str(connection.settings_dict["NAME"]), timeout=30)
    try:
        # Page by page into the open database file: safe with WAL and other connections,
        # unlike replacing the file under them.
        source.backup(live)
        return sqlite_counts(live)
    finally:
        live.close()
        source.close()


# PostgreSQL --------------------------------------------------------------------------------


def _pg_args_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def tool_major(tool: str) -> int:
    path = shutil.which(tool)
    if not path:
        raise BackupError(
            f"{tool} is not installed: install the PostgreSQL client tools of the server's "
            "version (Debian: postgresql-client)."
        )
    out = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    if not match:
        raise BackupError(f"Cannot tell the version of {tool} from {out!r}.")
    return int(match.group(1))


def server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _check_tool(tool: str, needed: int, what: str) -> int:
    major = tool_major(tool)
    if major < needed:
        raise BackupError(
            f"{tool} is version {major} but {what} is version {needed}: install the "
            f"PostgreSQL {needed} client tools (older tools cannot read newer servers or dumps)."
        )
    return major


def pg_dump(target: Path) -> tuple[dict[str, int], dict]:
    """pg_dump -Fc into `target`; return the row counts (same snapshot) and tool versions."""
    server = server_major()
    tool = _check_tool("pg_dump", server, "the database server")
    args, env = _pg_args_env()
    # An exported snapshot held open while pg_dump runs: the counts see exactly its rows. A
    # connection of its own, so that a transaction of the caller is left alone.
    with _pg_connect() as db, db.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = pg_counts(cursor)
        result = subprocess.run(  # noqa: S603
            [shutil.which("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             f"--snapshot={snapshot}", "--file", str(target), *args],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        cursor.execute("ROLLBACK")
    if result.returncode:
        target.unlink(missing_ok=True)
        if "No space left on device" in result.stderr:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        raise BackupError(f"pg_dump failed: {result.stderr.strip()[-500:]}")
    return counts, {"pg_dump": tool, "server": server}


def pg_load(dump: Path, dump_major: int) -> dict[str, int]:
    """pg_restore `dump` into the configured database in one transaction; return the counts."""
    _check_tool("pg_restore", max(dump_major, server_major()), "the backup or the server")
    args, env = _pg_args_env()
    result = subprocess.run(  # noqa: S603
        [shutil.which("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", *args, str(dump)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode:
        raise BackupError(
            f"pg_restore failed and changed nothing (one transaction): "
            f"{result.stderr.strip()[-500:]}"
        )
    with _pg_connect() as db, db.cursor() as cursor:
        return pg_counts(cursor)


def _pg_connect():
    import psycopg

    s = connection.settings_dict
    return psycopg.connect(
        dbname=s["NAME"],
        host=s.get("HOST") or None,
        port=s.get("PORT") or None,
        user=s.get("USER") or None,
        password=s.get("PASSWORD") or None,
        autocommit=True,
    )


def pg_counts(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    counts = {}
    for (table,) in cursor.fetchall():
        cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts
