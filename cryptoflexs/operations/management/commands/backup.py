from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cryptoflexs.operations.backup import BackupError, backup_create, backups_prune


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup or pg_dump -Fc) and the uploads into one "
        "tar file with a manifest (time, version, checksums, rows per table)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", type=Path, default=None, help="Directory to write to (default BACKUP_DIR)."
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Afterwards delete all but the newest BACKUP_KEEP backups in that directory.",
        )

    def handle(self, *args, **options):
        directory = options["to"] or settings.BACKUP_DIR
        try:
            path = backup_create(directory=directory, progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path}"))
        if options["prune"]:
            for old in backups_prune(directory=directory):
                self.stdout.write(f"Deleted old backup {old}")
