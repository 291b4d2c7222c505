"""Page views wait a few seconds in the memory of the process that served them.

Counting a view is then one dictionary increment under a lock: no file, no Redis round trip
on the response path. A thread of the web process hands the summed counts to the shared
counter (counters.py) every ANALYTICS_BUFFER_SECONDS, and at a clean exit; views_flush,
when it runs in the same process, takes them first. The cost of this speed: the views of
the last few seconds are lost if the process is killed (SIGKILL, a crash), never otherwise.
When the counter's store is unavailable the counts stay here for the next attempt.
"""

import atexit
import datetime as dt
import multiprocessing.util
import os
import threading
import time
from collections import Counter

from django.conf import settings

from . import counters

# Above this many distinct (article, day) pairs waiting, a failing store drops the oldest
# wait: memory stays bounded during a long outage.
MAX_PENDING_PAIRS = 100_000


class ViewBuffer:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts: counters.Counts = Counter()
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None

    def add(self, article_id: int, day: dt.date) -> None:
        with self.lock:
            self.counts[(article_id, day)] += 1
        if self.thread is None:
            self._start()

    def flush(self) -> bool:
        """Hand the waiting counts to the counter; keep them if it cannot take them."""
        with self.lock:
            counts, self.counts = self.counts, Counter()
        if not counts:
            return True
        if counters.store_counts(counts):
            return True
        with self.lock:
            if len(self.counts) + len(counts) <= MAX_PENDING_PAIRS:
                self.counts.update(counts)
        return False

    def discard(self) -> None:
        with self.lock:
            self.counts.clear()

    def _start(self) -> None:
        with self.lock:
            if self.thread is not None:
                return
            self.thread = threading.Thread(target=self._run, name="view-buffer", daemon=True)
            self.thread.start()

    def _run(self) -> None:
        last = time.monotonic()
        while True:
            # Short naps, so that a change of the setting takes effect within half a second.
            self.wake.wait(min(max(settings.ANALYTICS_BUFFER_SECONDS, 0.05), 0.5))
            if time.monotonic() - last >= settings.ANALYTICS_BUFFER_SECONDS:
                self.flush()
                last = time.monotonic()

    def after_fork(self) -> None:
        # A forked child has the parent's counts (counted by the parent) but not its thread.
        self.lock = threading.Lock()
        self.counts = Counter()
        self.thread = None


_buffer = ViewBuffer()
os.register_at_fork(after_in_child=_buffer.after_fork)
atexit.register(_buffer.flush)
# Servers whose workers are multiprocessing children (granian) leave them by os._exit(),
# which skips atexit but runs multiprocessing's exit finalizers.
multiprocessing.util.Finalize(None, _buffer.flush, exitpriority=10)


def count(article_id: int, day: dt.date) -> bool:
    """Count one view: in memory when buffering is on, else straight into the counter."""
    if settings.ANALYTICS_BUFFER_SECONDS <= 0:
        return counters.count_view(article_id, day)
    _buffer.add(article_id, day)
    return True


def flush() -> bool:
    """Hand this process's waiting views to the counter (views_flush calls it first)."""
    return _buffer.flush()


def discard() -> None:
    """Forget this process's waiting views (tests)."""
    _buffer.discard()
