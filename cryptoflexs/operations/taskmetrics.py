"""Task counters fed by Huey's signals (see metrics.py for why they live in the cache)."""

from .metrics import TASK_OUTCOMES, count_task


def count_signal(signal, task, *args, **kwargs) -> None:
    if signal in TASK_OUTCOMES:
        count_task(type(task).__name__, signal)
