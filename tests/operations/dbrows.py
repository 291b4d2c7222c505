"""Every row of every table of a database, read with the driver alone (no Django), so a
backup's source and its restored copy can be compared table by table."""

import sqlite3
from pathlib import Path


def _sorted(rows) -> list[tuple]:
    return sorted((tuple(row) for row in rows), key=repr)


def sqlite_rows(path: Path) -> dict[str, list[tuple]]:
    db = sqlite3.connect(str(path))
    try:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
            )
        ]
        return {n: _sorted(db.execute(f'SELECT * FROM "{n}"')) for n in names}  # noqa: S608
    finally:
        db.close()


def pg_connect(name: str, settings_dict: dict):
    import psycopg

    return psycopg.connect(
        dbname=name,
        host=settings_dict.get("HOST") or "127.0.0.1",
        port=settings_dict.get("PORT") or 5432,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        autocommit=True,
    )


def pg_rows(name: str, settings_dict: dict) -> dict[str, list[tuple]]:
    with pg_connect(name, settings_dict) as db, db.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        names = [r[0] for r in cursor.fetchall()]
        result = {}
        for n in names:
            cursor.execute(f'SELECT * FROM "{n}"')  # noqa: S608
            result[n] = _sorted(cursor.fetchall())
        return result


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(Path(root).rglob("*"))
        if p.is_file()
    }
