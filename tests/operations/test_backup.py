"""Backup and restore through `manage.py backup` / `manage.py restore`, each in its own
process, on whichever database the suite runs against (SQLite or PostgreSQL)."""

import json
import os
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection

from tests import factories
from tests.operations.dbrows import files_of, pg_connect, pg_rows, sqlite_rows
from tests.processes import child_env, manage

pytestmark = pytest.mark.django_db(transaction=True)


def backup_env(tmp_path: Path) -> dict[str, str]:
    env = child_env(tmp_path)
    env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    return env


def make_backup(tmp_path: Path) -> Path:
    result = manage(backup_env(tmp_path), "backup", "--to", str(tmp_path / "backups"))
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "backups").glob("cryptoflexs-*.tar")
    return path


class FreshDatabase:
    """An empty database of the suite's vendor, and the environment of a process using it."""

    def __init__(self, tmp_path: Path):
        self.settings_dict = connection.settings_dict
        self.env = child_env(tmp_path)
        self.env["MEDIA_ROOT"] = str(tmp_path / "restored-media")
        if connection.vendor == "sqlite":
            self.path = tmp_path / "fresh.sqlite3"
            self.env["SQLITE_PATH"] = str(self.path)
        else:
            self.name = f"{self.settings_dict['NAME']}_restored"
            with pg_connect("postgres", self.settings_dict) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
                db.execute(f'CREATE DATABASE "{self.name}"')
            s = self.settings_dict
            self.env["DATABASE_URL"] = (
                f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{self.name}"
            )

    def rows(self):
        if connection.vendor == "sqlite":
            return sqlite_rows(self.path)
        return pg_rows(self.name, self.settings_dict)

    def drop(self):
        if connection.vendor != "sqlite":
            with pg_connect("postgres", self.settings_dict) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def fresh(tmp_path):
    database = FreshDatabase(tmp_path)
    yield database
    database.drop()


def source_rows():
    if connection.vendor == "sqlite":
        return sqlite_rows(Path(connection.settings_dict["NAME"]))
    return pg_rows(connection.settings_dict["NAME"], connection.settings_dict)


class BackupRoundTripTests:
    def test_a_loaded_site_comes_back_row_for_row(self, tmp_path, fresh):
        call_command("load_demo", verbosity=0)
        User.objects.create_superuser("root", password="pw-root-123456")
        path = make_backup(tmp_path)

        with tarfile.open(path) as archive:
            manifest = json.load(archive.extractfile("manifest.json"))
        assert manifest["database"]["vendor"] == connection.vendor
        # The demo: 150 articles, and the back office's drafts and sources' entries (#16).
        assert manifest["tables"]["articles_article"] == factories.Article.objects.count() > 150
        assert manifest["uploads"] == len(files_of(Path(settings.MEDIA_ROOT))) > 0
        assert manifest["version"]["migrations"]["articles"]
        assert oct(path.stat().st_mode & 0o777) == "0o600"

        if connection.vendor == "sqlite":
            # The operator's usual path: migrate the new database, then restore into it.
            assert manage(fresh.env, "migrate", "--noinput").returncode == 0
        result = manage(fresh.env, "restore", str(path))
        assert result.returncode == 0, result.stderr
        assert "Restored the backup" in result.stdout

        expected, restored = source_rows(), fresh.rows()
        assert set(restored) >= set(expected)
        for table, rows in expected.items():
            assert restored[table] == rows, f"table {table} differs after restore"
        assert files_of(tmp_path / "restored-media") == files_of(Path(settings.MEDIA_ROOT))

    def test_restore_refuses_a_database_with_content_unless_forced(self, tmp_path):
        factories.article("Kept article")
        path = make_backup(tmp_path)
        factories.article("Written after the backup")
        env = backup_env(tmp_path)
        result = manage(env, "restore", str(path))
        assert result.returncode != 0
        assert "The database is not empty" in result.stderr
        assert factories.Article.objects.count() == 2

        result = manage(env, "restore", "--force", str(path))
        assert result.returncode == 0, result.stderr
        assert list(factories.Article.objects.values_list("title", flat=True)) == ["Kept article"]


class BackupDamageTests:
    def test_a_corrupt_backup_is_refused_before_anything_changes(self, tmp_path, fresh):
        factories.article("Precious")
        path = make_backup(tmp_path)
        data = bytearray(path.read_bytes())
        with tarfile.open(path) as archive:
            member = archive.getmember(
                "database." + ("sqlite3" if connection.vendor == "sqlite" else "pgdump")
            )
        data[member.offset_data + member.size // 2] ^= 0xFF
        damaged = tmp_path / "damaged.tar"
        damaged.write_bytes(bytes(data))

        result = manage(fresh.env, "restore", str(damaged))
        assert result.returncode != 0
        assert "does not match its checksum" in result.stderr
        assert not any(rows for rows in fresh.rows().values())

        truncated = tmp_path / "truncated.tar"
        truncated.write_bytes(path.read_bytes()[:4096])
        result = manage(fresh.env, "restore", str(truncated))
        assert result.returncode != 0
        assert "nothing was restored" in result.stderr.lower()

    def test_a_file_that_is_no_backup_is_refused(self, tmp_path, fresh):
        junk = tmp_path / "notes.tar"
        junk.write_bytes(b"not a tar file at all" * 100)
        result = manage(fresh.env, "restore", str(junk))
        assert result.returncode != 0
        assert "cannot be read as a backup" in result.stderr


def _mount_tmpfs(path: Path, size: str) -> None:
    path.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
class BackupDiskFullTests:
    def test_a_full_disk_gives_a_clear_error_and_no_partial_file(self, tmp_path):
        factories.article("Too big for the disk", body_html="<p>" + "lorem " * 40000 + "</p>")
        small = tmp_path / "small"
        _mount_tmpfs(small, "192k")
        try:
            (small / "cryptoflexs-20000101T000000.000000Z.tar").write_bytes(b"older backup")
            result = manage(backup_env(tmp_path), "backup", "--to", str(small))
            assert result.returncode != 0
            assert "the disk is full" in result.stderr
            assert "No backup file was left" in result.stderr
            assert sorted(p.name for p in small.iterdir()) == [
                "cryptoflexs-20000101T000000.000000Z.tar"
            ]
        finally:
            subprocess.run(["umount", str(small)], check=True)


class BackupScheduleTests:
    def test_the_periodic_task_keeps_the_newest_backup_keep(self, tmp_path, settings):
        settings.BACKUP_DIR = tmp_path / "nightly"
        settings.BACKUP_KEEP = 2
        from cryptoflexs.operations.tasks import backup_task

        for _ in range(3):
            backup_task()  # the queue runs tasks at once in the tests
        kept = sorted(p.name for p in (tmp_path / "nightly").iterdir())
        assert len(kept) == 2
        assert all(name.startswith("cryptoflexs-") and name.endswith(".tar") for name in kept)

    def test_backup_keep_zero_turns_the_task_off(self, tmp_path, settings):
        settings.BACKUP_DIR = tmp_path / "nightly"
        settings.BACKUP_KEEP = 0
        from cryptoflexs.operations.tasks import backup_task

        backup_task()
        assert not (tmp_path / "nightly").exists()
