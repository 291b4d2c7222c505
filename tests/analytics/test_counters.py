"""The two stores of pending counts behave the same: nothing lost, nothing counted twice."""

import datetime as dt
import multiprocessing
import os
import threading

import pytest

from cryptoflexs.analytics import counters

DAY = dt.date(2026, 3, 14)
NEXT_DAY = DAY + dt.timedelta(days=1)


def drain(counter) -> dict:
    with counter.drain() as counts:
        return dict(counts)


class CounterTests:
    def test_the_settings_choose_the_backend(self, views_backend, settings):
        expected = counters.RedisCounter if settings.REDIS_URL else counters.FileCounter
        assert isinstance(views_backend, expected)

    def test_counts_per_article_and_day(self, views_backend):
        for article_id, day in [(1, DAY), (1, DAY), (2, DAY), (1, NEXT_DAY)]:
            views_backend.incr(article_id, day)
        assert drain(views_backend) == {(1, DAY): 2, (2, DAY): 1, (1, NEXT_DAY): 1}
        assert drain(views_backend) == {}

    def test_counts_stay_when_the_caller_fails(self, views_backend, monkeypatch):
        views_backend.incr(7, DAY)

        def store_fails():
            with views_backend.drain() as counts:
                assert counts == {(7, DAY): 1}
                raise RuntimeError("could not store")

        with pytest.raises(RuntimeError):
            store_fails()
        views_backend.incr(7, DAY)
        # The failed claim is left alone until it is stale: a flush may still be using it.
        assert drain(views_backend) == {(7, DAY): 1}
        monkeypatch.setattr(counters, "STALE_CLAIM_SECONDS", -1)
        assert drain(views_backend) == {(7, DAY): 1}
        assert drain(views_backend) == {}

    def test_views_counted_during_a_flush_wait_for_the_next(self, views_backend):
        views_backend.incr(1, DAY)
        with views_backend.drain() as counts:
            views_backend.incr(1, DAY)
            assert counts == {(1, DAY): 1}
        assert drain(views_backend) == {(1, DAY): 1}

    def test_nested_flushes_split_the_counts(self, views_backend):
        views_backend.incr(1, DAY)
        with views_backend.drain() as first:
            views_backend.incr(1, DAY)
            with views_backend.drain() as second:
                assert (first, second) == ({(1, DAY): 1}, {(1, DAY): 1})

    def test_concurrent_counting_and_flushing_lose_nothing(self, views_backend):
        threads, per_thread = 6, 300
        totals: dict = {}
        done = threading.Event()

        def count(article_id):
            for _ in range(per_thread):
                views_backend.incr(article_id, DAY)

        def flush_until_done():
            while True:
                stopping = done.is_set()
                for key, value in drain(views_backend).items():
                    totals[key] = totals.get(key, 0) + value
                if stopping:
                    return

        flusher = threading.Thread(target=flush_until_done)
        flusher.start()
        workers = [threading.Thread(target=count, args=(n % 2,)) for n in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        done.set()
        flusher.join()
        assert totals == {(0, DAY): threads // 2 * per_thread, (1, DAY): threads // 2 * per_thread}

    def test_clear_forgets_everything(self, views_backend):
        views_backend.incr(1, DAY)
        views_backend.clear()
        assert drain(views_backend) == {}


class FileCounterTests:
    def test_a_view_is_one_short_line_in_a_file_of_its_process(self, tmp_path):
        counter = counters.FileCounter(tmp_path / "views")
        counter.incr(42, DAY)
        counter.incr(43, DAY)
        (path,) = (tmp_path / "views").iterdir()
        assert path.name == f"{os.getpid()}.views"
        assert path.read_text() == "2026-03-14 42\n2026-03-14 43\n"
        assert path.stat().st_mode & 0o777 == 0o600

    def test_processes_counting_while_a_flush_runs_lose_nothing(self, tmp_path):
        processes, views_each = 3, 400
        context = multiprocessing.get_context("fork")
        writers = [
            context.Process(target=_count_in_threads, args=(tmp_path, views_each))
            for _ in range(processes)
        ]
        counter, total = counters.FileCounter(tmp_path), 0
        for writer in writers:
            writer.start()
        while any(writer.is_alive() for writer in writers):
            total += sum(drain(counter).values())
        total += sum(drain(counter).values())
        assert [writer.exitcode for writer in writers] == [0] * processes
        assert total == processes * 2 * views_each

    def test_damaged_lines_are_skipped(self, tmp_path):
        counter = counters.FileCounter(tmp_path)
        counter.incr(5, DAY)
        (tmp_path / "9-9.views").write_bytes(
            b"2026-03-14 5\ngarbage\n2026-13-01 5\n2026-03-14 \xff"
        )
        assert drain(counter) == {(5, DAY): 2}

    def test_a_missing_directory_is_nothing_to_flush(self, tmp_path):
        assert drain(counters.FileCounter(tmp_path / "absent")) == {}


def _count_in_threads(directory, views_each):
    counter = counters.FileCounter(directory)
    threads = [
        threading.Thread(target=lambda: [counter.incr(1, DAY) for _ in range(views_each)])
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_redis_counts_in_one_hash_per_day(settings):
    from .conftest import REDIS_TEST_URL, require_redis

    require_redis(REDIS_TEST_URL)
    counter = counters.RedisCounter(REDIS_TEST_URL, "cftest-views-hash")
    counter.clear()
    try:
        counter.incr(3, DAY)
        counter.incr(3, DAY)
        key = "cftest-views-hash:day:2026-03-14"
        assert counter.client.hgetall(key) == {b"3": b"2"}
        assert 0 < counter.client.ttl(key) <= counters.RedisCounter.TTL_SECONDS
        with counter.drain() as counts:
            assert not counter.client.exists(key)  # renamed away: new views start a new hash
            assert counts == {(3, DAY): 2}
        assert counter.client.keys("cftest-views-hash:*") == []
    finally:
        counter.clear()
