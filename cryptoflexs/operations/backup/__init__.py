"""Backup and restore (see services.py for the archive's layout)."""

from .databases import BackupError
from .services import backup_create, backup_restore, backup_verify, backups_prune

__all__ = ["BackupError", "backup_create", "backup_restore", "backup_verify", "backups_prune"]
