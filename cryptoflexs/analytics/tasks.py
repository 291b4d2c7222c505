from huey.contrib.djhuey import db_periodic_task

from config import schedules

from . import services


@db_periodic_task(schedules.VIEWS_FLUSH)
def views_flush_task():
    """Store the pending page views; a failed run leaves them for the next one."""
    services.views_flush()
