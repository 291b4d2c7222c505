from huey.contrib.djhuey import db_periodic_task, db_task

from config import schedules

from . import services
from .models import Source

# How many sources one sweep queues at most (the rest wait for the next minute).
SWEEP_LIMIT = 200


@db_task()
def source_ingest_task(source_id: int) -> None:
    """Fetch one source if it is still due and nobody else is fetching it."""
    source = Source.objects.filter(pk=source_id, active=True).first()
    if source is not None:
        services.source_ingest(source=source, due_only=True)


# No huey lock: a lock left by a killed consumer would stop ingestion for good. The claim
# (a conditional UPDATE of the source's lease) is what keeps fetches of a source apart.
@db_periodic_task(schedules.INGEST_DUE)
def sources_ingest_due_task() -> None:
    """Queue a fetch of every due source."""
    for source_id in Source.objects.due().values_list("pk", flat=True)[:SWEEP_LIMIT]:
        source_ingest_task(source_id)
