"""The one path from a service to the task queue: by task name, after commit, guarded.

Tasks import services, never the reverse (#14). Each tasks module registers its tasks here
(`register`), and a service asks for one by name (`enqueue_on_commit("x_task", pk)`), so no
services module imports a tasks module. `CoreConfig.ready()` imports every app's tasks
module, so the names are known in web processes too.

The queue can be down (Redis stopped, the SQLite queue file on a full disk). The enqueue
then logs the error and returns; the caller's row keeps its "pending" mark, and
`pending_sweep()`, run periodically (config/schedules.py), enqueues what is still pending
once the queue answers again (#15, item 2). A task claims its row's pending mark with a
conditional UPDATE before it does the work (`pending_run`), so an original enqueue and a
sweep's copy never both send.
"""

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Iterable
from functools import partial

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What an unreachable or broken queue raises: Redis (RedisHuey) or SQLite (SqliteHuey), and
# the OS (a full disk, a refused socket).
QUEUE_ERRORS = (RedisError, sqlite3.Error, OSError)
# Rows younger than this are left to their own after-commit enqueue.
PENDING_GRACE = dt.timedelta(minutes=5)
# A sweep's copy of a task that no worker ran within this time is dropped; the next sweep
# makes a new one if the row is still pending.
SWEEP_COPY_EXPIRES = dt.timedelta(minutes=10)

_tasks: dict[str, object] = {}
_pending: dict[str, Callable[[dt.datetime], Iterable[tuple]]] = {}


def register(task, *, pending: Callable[[dt.datetime], Iterable[tuple]] | None = None):
    """Make the huey `task` enqueueable by its function's name; return it.

    `pending(cutoff)` returns the argument tuples of work still waiting that was asked for
    before `cutoff`; the sweep enqueues each again.
    """
    name = task.name or task.func.__name__
    known = _tasks.get(name)
    if known is not None and known is not task:
        raise ImproperlyConfigured(f"Two tasks are registered as {name!r}.")
    _tasks[name] = task
    if pending is not None:
        _pending[name] = pending
    return task


def _task(name: str):
    try:
        return _tasks[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"No task is registered as {name!r}: its tasks module must call "
            "cryptoflexs.core.enqueue.register()."
        ) from None


def enqueue(name: str, *args, eta: dt.datetime | None = None, expires=None) -> bool:
    """Enqueue the task `name` now; return False, after logging why, when the queue fails."""
    task = _task(name)
    try:
        if eta is None and expires is None:
            task(*args)
        else:
            task.schedule(args, eta=eta or timezone.now(), expires=expires)
    except QUEUE_ERRORS as exc:
        logger.warning(
            "Task queue unavailable (%s: %s): %s%r not queued; left for the pending sweep",
            type(exc).__name__,
            exc,
            name,
            args,
        )
        return False
    return True


def enqueue_on_commit(name: str, *args, eta: dt.datetime | None = None) -> None:
    """Enqueue the task `name` once the current transaction commits (at once outside one)."""
    _task(name)  # a wrong name fails here, in the caller, not later in a hook
    transaction.on_commit(partial(enqueue, name, *args, eta=eta))


def pending_run(queryset, pk, work: Callable, *, flag: str = "notify_pending"):
    """Run `work(row)` for the row `pk` of `queryset` if its `flag` is set, at most once.

    The flag is cleared first by a conditional UPDATE, so of two copies of a task only one
    does the work; if `work` raises, the flag is set again (the retry or the sweep tries
    again) and the error propagates. Return work's result, or None when there was nothing
    to do.
    """
    if not queryset.filter(pk=pk, **{flag: True}).update(**{flag: False}):
        return None
    try:
        row = queryset.get(pk=pk)
        return work(row)
    except BaseException:
        queryset.filter(pk=pk).update(**{flag: True})
        raise


def pending_since(queryset, cutoff: dt.datetime, *, flag="notify_pending", at="created_at"):
    """Return (pk,) for every row of `queryset` pending since before `cutoff` (oldest first)."""
    rows = queryset.filter(**{flag: True, f"{at}__lt": cutoff}).order_by(at)
    return [(pk,) for pk in rows.values_list("pk", flat=True)[:1000]]


def pending_sweep(*, now: dt.datetime | None = None) -> int:
    """Enqueue again every registered task's pending work older than PENDING_GRACE; return
    how many tasks were queued."""
    cutoff = (now or timezone.now()) - PENDING_GRACE
    queued = 0
    for name, pending in _pending.items():
        for args in pending(cutoff):
            if not enqueue(name, *args, expires=SWEEP_COPY_EXPIRES):
                return queued  # the queue is still down: the next sweep tries again
            queued += 1
    if queued:
        logger.info("Pending sweep queued %s task(s)", queued)
    return queued
