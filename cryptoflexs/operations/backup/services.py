"""Backups of the whole installation (database + uploads) and their restore.

A backup is one tar file, `cryptoflexs-<UTC time>.tar`, holding:

- `manifest.json`: when, which code and schema version, the database vendor, the SHA-256
  and size of every other member, and the row count of every table;
- `database.sqlite3` (SQLite online backup) or `database.pgdump` (`pg_dump -Fc`);
- `media.tar`: the uploads (MEDIA_ROOT).

It is written as `<name>.partial` next to its final place and renamed only when complete,
so a failure (a full disk) never leaves a file that looks like a backup. Restore checks
every checksum before it touches anything.
"""

import datetime as dt
import errno
import hashlib
import importlib.metadata
import io
import json
import os
import sqlite3
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.recorder import MigrationRecorder

from cryptoflexs.core.cache import content_changed

from .databases import BackupError, pg_dump, pg_load, sqlite_dump, sqlite_load

FORMAT = 1
PREFIX = "cryptoflexs-"
SUFFIX = ".tar"
MANIFEST = "manifest.json"
MEDIA = "media.tar"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Rows that `migrate` itself writes: a database holding only these counts as empty (the
# coin list is seeded by a markets data migration).
BOOKKEEPING_MODELS = {
    "contenttypes.contenttype", "auth.permission", "auth.group", "markets.coin",
}  # fmt: skip

Progress = Callable[[str], None]


def _quiet(_message: str) -> None:
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _disk_error(exc: Exception, where: Path) -> BackupError:
    full = getattr(exc, "errno", None) == errno.ENOSPC or "full" in str(exc).lower()
    reason = "the disk is full" if full else getattr(exc, "strerror", None) or str(exc)
    return BackupError(f"Backup failed: {reason} (writing in {where}). No backup file was left.")


def backup_create(*, directory: Path | None = None, progress: Progress = _quiet) -> Path:
    """Write a complete backup into `directory` (BACKUP_DIR) and return its path."""
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    directory = Path(directory or settings.BACKUP_DIR)
    now = dt.datetime.now(tz=dt.UTC)
    final = directory / f"{PREFIX}{now:%Y%m%dT%H%M%S.%fZ}{SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # The scratch files live beside the backup, not in /tmp: same disk, same limits.
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=directory) as scratch:
            scratch = Path(scratch)
            dump = scratch / DUMPS[vendor]
            progress(f"Dumping the {vendor} database …")
            if vendor == "sqlite":
                counts, tools = sqlite_dump(dump), {}
            else:
                counts, tools = pg_dump(dump)
            media = scratch / MEDIA
            progress(f"Archiving uploads from {settings.MEDIA_ROOT} …")
            uploads = _tar_media(media)
            files = {
                path.name: {"sha256": sha256_of(path), "size": path.stat().st_size}
                for path in (dump, media)
            }
            manifest = {
                "format": FORMAT,
                "created_at": now.isoformat(),
                "version": {
                    "cryptoflexs": importlib.metadata.version("cryptoflexs"),
                    "django": django.get_version(),
                    "migrations": _migrations(),
                    **tools,
                },
                "database": {"vendor": vendor, "file": dump.name},
                "uploads": uploads,
                "files": files,
                "tables": counts,
            }
            progress("Writing the archive …")
            # Password hashes and e-mail addresses are inside: readable by the owner only.
            partial.touch(mode=0o600)
            with tarfile.open(partial, "w") as archive:
                data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(now.timestamp())
                archive.addfile(info, io.BytesIO(data))
                archive.add(dump, arcname=dump.name)
                archive.add(media, arcname=media.name)
            with partial.open("rb") as handle:
                os.fsync(handle.fileno())
        partial.rename(final)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise _disk_error(exc, directory) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final


def _tar_media(target: Path) -> int:
    root = Path(settings.MEDIA_ROOT)
    count = 0
    with tarfile.open(target, "w") as archive:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(path.relative_to(root)), recursive=False)
                    count += 1
    return count


def backups_prune(*, directory: Path | None = None, keep: int | None = None) -> list[Path]:
    """Delete all but the newest `keep` backups in `directory`; return the deleted paths."""
    directory = Path(directory or settings.BACKUP_DIR)
    keep = settings.BACKUP_KEEP if keep is None else keep
    backups = sorted(directory.glob(f"{PREFIX}*{SUFFIX}")) if directory.is_dir() else []
    doomed = backups[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


# Restore -----------------------------------------------------------------------------------


def read_manifest(archive: tarfile.TarFile, path: Path) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.load(archive.extractfile(member))
    except (KeyError, AttributeError, ValueError) as exc:
        raise BackupError(f"{path} has no readable manifest: it is not a backup.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is a backup of an unknown format {manifest.get('format')}.")
    return manifest


def backup_verify(*, path: Path) -> dict:
    """Check that `path` is a complete, undamaged backup; return its manifest."""
    try:
        with tarfile.open(path, "r:") as archive:
            manifest = read_manifest(archive, path)
            for name, expected in manifest["files"].items():
                try:
                    handle = archive.extractfile(archive.getmember(name))
                except KeyError as exc:
                    raise BackupError(f"{path} lacks {name}: the backup is incomplete.") from exc
                digest, size = hashlib.sha256(), 0
                for block in iter(lambda handle=handle: handle.read(1 << 20), b""):
                    digest.update(block)
                    size += len(block)
                if digest.hexdigest() != expected["sha256"] or size != expected["size"]:
                    raise BackupError(
                        f"{name} in {path} does not match its checksum: the backup is "
                        "damaged. Nothing was restored; use another backup."
                    )
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(
            f"{path} cannot be read as a backup ({exc}); nothing was restored."
        ) from exc
    return manifest


def database_is_empty() -> bool:
    """True when no table holds rows other than those `migrate` writes itself."""
    existing = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.label_lower in BOOKKEEPING_MODELS or not model._meta.managed:
            continue
        if model._meta.db_table in existing:
            try:
                if model._default_manager.using("default").exists():
                    return False
            except DatabaseError:  # a table of another schema version: not ours to judge
                return False
    return True


def backup_restore(*, path: Path, force: bool = False, progress: Progress = _quiet) -> dict:
    """Restore the backup at `path` into the configured database and MEDIA_ROOT.

    Refuses a damaged backup, one of another database vendor, and (unless `force`) a
    database that already holds content. Returns the manifest.
    """
    path = Path(path)
    progress(f"Checking {path} …")
    manifest = backup_verify(path=path)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"This is a backup of a {vendor} database; the configured database is "
            f"{connection.vendor}. Nothing was restored."
        )
    if not force and not database_is_empty():
        raise BackupError(
            "The database is not empty: restoring would replace its content. Restore into a "
            "fresh database, or pass --force to replace it. Nothing was restored."
        )
    with (
        tempfile.TemporaryDirectory(
            prefix=".restore-", dir=path.parent if os.access(path.parent, os.W_OK) else None
        ) as scratch,
        tarfile.open(path, "r:") as archive,
    ):
        scratch = Path(scratch)
        for name in manifest["files"]:
            archive.extract(name, scratch, filter="data")
        progress(f"Restoring the {vendor} database …")
        dump = scratch / manifest["database"]["file"]
        if vendor == "sqlite":
            counts = sqlite_load(dump)
        else:
            counts = pg_load(dump, manifest["version"].get("pg_dump", 0))
        progress("Restoring uploads …")
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(scratch / MEDIA, "r:") as media:
            media.extractall(media_root, filter="data")
    wrong = {
        table: (rows, counts.get(table))
        for table, rows in manifest["tables"].items()
        if counts.get(table) != rows
    }
    if wrong:
        raise BackupError(f"Row counts differ from the manifest after restore: {wrong}")
    content_changed()  # cached pages show the old content otherwise
    return manifest
