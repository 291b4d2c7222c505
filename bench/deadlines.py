"""How soon bad input is given up on: fetch deadlines and hostile feeds; figures go to
bench/results/deadlines.json.

Usage: .venv/bin/python bench/deadlines.py [--repeat 5]

The tests check that these cases fail for the right reason (tests/core/test_net.py,
tests/ingest/test_fetch.py, tests/ingest/test_hostile.py); how long they take is measured
here, where a busy machine makes a number noisy rather than a test red.

1. Fetch deadlines (core/net.py) on loopback: a body dripping one byte every 0.1 s, a read
   that stalls after the headers, a DNS lookup that hangs. Each is timed against its deadline;
   `overshoot` is elapsed / deadline (1.0 would be exact).
2. Hostile feeds (tests/fixtures/feeds/: billion laughs, external entity, a feed that makes
   feedparser raise) against a well-formed one of the same directory: parse time of each,
   and its ratio to the good feed's, in one run.
"""

import argparse
import contextlib
import datetime as dt
import http.server
import json
import logging
import os
import platform
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["INGEST_ALLOW_PRIVATE_NETWORKS"] = "true"

import django  # noqa: E402

django.setup()
logging.getLogger("httpx").setLevel(logging.WARNING)

from cryptoflexs.core.net import FetchError, fetch_bytes  # noqa: E402
from cryptoflexs.ingest.parse import FeedError, feed_parse  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "deadlines.json"
FEEDS = ROOT / "tests" / "fixtures" / "feeds"
HOSTILE = ("billion-laughs.xml", "external-entity.xml", "feedparser-raises.xml")
GOOD = "outlet-a.rss"


class _Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        try:
            if self.path == "/drip":
                for _ in range(100):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            else:  # /stall
                self.wfile.write(b".")
                self.wfile.flush()
                time.sleep(3)
        except OSError:
            pass  # the client gave up: that is the point

    def log_message(self, *args):
        pass


def _timed(call) -> float:
    started = time.perf_counter()
    try:
        call()
    except FetchError:
        pass
    else:
        raise AssertionError("the fetch should have failed")
    return time.perf_counter() - started


def fetch_deadlines(repeat: int) -> dict:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    real_getaddrinfo = socket.getaddrinfo

    def slow_getaddrinfo(host, *args, **kwargs):
        if host == "slow-dns.test":
            time.sleep(2)
        return real_getaddrinfo(host, *args, **kwargs)

    socket.getaddrinfo = slow_getaddrinfo
    cases = {
        "slow drip": (1.0, lambda: fetch_bytes(f"{base}/drip", deadline=1.0)),
        "stalled read": (0.5, lambda: fetch_bytes(f"{base}/stall", deadline=0.5)),
        "hanging DNS lookup": (0.3, lambda: fetch_bytes("http://slow-dns.test/", deadline=0.3)),
    }
    figures = {}
    try:
        for name, (deadline, call) in cases.items():
            times = [_timed(call) for _ in range(repeat)]
            median = statistics.median(times)
            figures[name] = {
                "deadline_s": deadline,
                "elapsed_median_s": round(median, 3),
                "elapsed_max_s": round(max(times), 3),
                "overshoot": round(median / deadline, 2),
            }
            print(f"{name:20} deadline {deadline:.1f} s, median {median:.3f} s")  # noqa: T201
    finally:
        socket.getaddrinfo = real_getaddrinfo
        server.shutdown()
    return figures


def _parse_time(content: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        with contextlib.suppress(FeedError):
            feed_parse(content, content_type="application/rss+xml")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def hostile_feeds(repeat: int) -> dict:
    good = _parse_time((FEEDS / GOOD).read_bytes(), repeat)
    figures = {GOOD: {"parse_median_ms": round(good * 1000, 3), "ratio_to_good": 1.0}}
    for name in HOSTILE:
        elapsed = _parse_time((FEEDS / name).read_bytes(), repeat)
        figures[name] = {
            "parse_median_ms": round(elapsed * 1000, 3),
            "ratio_to_good": round(elapsed / good, 3),
        }
        print(f"{name:22} {elapsed * 1000:.3f} ms ({elapsed / good:.3f}× {GOOD})")  # noqa: T201
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results = {
        "benchmark": "fetch deadlines and hostile feeds (bench/deadlines.py)",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "repeat": args.repeat,
        "fetch_deadlines": fetch_deadlines(args.repeat),
        "hostile_feeds": hostile_feeds(args.repeat),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")  # noqa: T201


if __name__ == "__main__":
    main()
