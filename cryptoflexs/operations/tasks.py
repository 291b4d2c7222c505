import logging

from django.conf import settings
from huey.contrib.djhuey import db_periodic_task

from config import schedules

from . import readychecks
from .backup import backup_create, backups_prune

logger = logging.getLogger(__name__)


@db_periodic_task(schedules.QUEUE_HEARTBEAT)
def queue_heartbeat_task() -> None:
    """Record that a consumer is taking tasks, and how late (read by /ready/)."""
    readychecks.queue_heartbeat()


@db_periodic_task(schedules.BACKUP)
def backup_task() -> None:
    """Write a backup into BACKUP_DIR and keep the newest BACKUP_KEEP (0: no backups)."""
    if settings.BACKUP_KEEP <= 0:
        return
    path = backup_create()
    deleted = backups_prune()
    logger.info("backup written to %s; %d old backups deleted", path, len(deleted))
