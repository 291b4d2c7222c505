from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cryptoflexs.operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured (empty) database and "
        "MEDIA_ROOT, after checking every checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the content of a database that is not empty.",
        )

    def handle(self, *args, **options):
        try:
            manifest = backup_restore(
                path=options["file"], force=options["force"], progress=self.stdout.write
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']}: {len(manifest['tables'])} "
                f"tables, {rows} rows, {manifest['uploads']} uploads. Run `manage.py migrate` "
                "if this code is newer than the backup."
            )
        )
