from huey.contrib.djhuey import db_periodic_task

from config import schedules

from . import enqueue


# No huey lock: each pending row is claimed by a conditional UPDATE when its task runs, so
# two sweeps at once only queue a copy that finds nothing to do.
@db_periodic_task(schedules.PENDING_SWEEP)
def pending_sweep_task() -> None:
    """Queue again the work whose enqueue failed (the queue was down) or got lost."""
    enqueue.pending_sweep()
