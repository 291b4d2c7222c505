from huey.contrib.djhuey import db_periodic_task, db_task

from config import schedules
from cryptoflexs.core import enqueue as queue

from . import services


@db_task(retries=3, retry_delay=10)
def article_publish_scheduled_task(article_id: int) -> None:
    """Publish one scheduled article at its time (enqueued with an ETA when scheduled)."""
    services.article_publish_due(article_id=article_id)


queue.register(article_publish_scheduled_task)


# No huey lock here: a lock left by a killed consumer would stop the sweep for good. The
# conditional UPDATE in article_publish_due is the lock (row lock on PostgreSQL, the write
# lock on SQLite): however many workers sweep at once, each article flips exactly once.
@db_periodic_task(schedules.PUBLISH_DUE)
def articles_publish_due_task() -> None:
    """Publish whatever is overdue: the safety net for ETA tasks lost while workers were down."""
    services.articles_publish_due()
