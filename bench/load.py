"""Load with a Redis outage in the middle: 60 s of wrk at 64 connections over the home
page, an article, search, the RSS feed and the API, against the scale-out mode (gunicorn
`manage.py serve --no-worker` plus a separate task consumer, PostgreSQL, a private
redis-server on its own port). Redis is stopped at 1/3 of the run and started again at 2/3.

Usage: .venv/bin/python bench/load.py [--seconds 60] [--connections 64]
       (BENCH_DATABASE: the PostgreSQL database to create, default cf_ops_load)

Figures (requests, non-2xx, socket errors, latency percentiles, requests per second) go to
bench/results/load.json. Target: 0 non-2xx and 0 socket errors.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "load.json"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")

LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%%d non2xx=%%d connect=%%d read=%%d write=%%d timeout=%%d "
    .. "duration_us=%%d p50=%%d p90=%%d p99=%%d max=%%d\\n",
    summary.requests, e.status, e.connect, e.read, e.write, e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(env, *args, timeout=600):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=timeout, check=False,
    )  # fmt: skip
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result


def redis_start(port: int, workdir: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(200):
        ping = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True)
        if ping.stdout.strip() == b"PONG":
            return proc
        time.sleep(0.05)
    sys.exit("redis-server did not start")


def wait_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    sys.exit("server did not come up")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    scratch = Path(tempfile.mkdtemp(prefix="cf-bench-load-"))
    database = os.environ.get("BENCH_DATABASE", "cf_ops_load")
    redis_port, web_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base", CRYPTOFLEXS_VAR_DIR=str(scratch),
        DATABASE_URL=f"{PG}/{database}", REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        HUEY_NAME=f"bench-load-{os.getpid()}", SECRET_KEY="bench-load-" + "x" * 50,
        LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1",
        # wrk is one client address: the API's per-address limit would answer 429 to it.
        API_RATE_LIMIT="100000000",
    )  # fmt: skip
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database],
                   check=True)  # fmt: skip
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    redis = redis_start(redis_port, scratch)
    print("Preparing: migrate, demo content, static files …", flush=True)
    run(env, "migrate", "--noinput")
    run(env, "load_demo")
    run(env, "collectstatic", "--noinput", "-v0")
    log = (scratch / "server.log").open("w")
    consumer_log = (scratch / "consumer.log").open("w")
    web = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(web_port),
         "--no-worker"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    consumer = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "2"],
        cwd=ROOT, env=env, stdout=consumer_log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{web_port}"
    try:
        wait_up(url)
        api = httpx.get(url + "/api/articles", timeout=10).json()
        slug_path = httpx.get(url + f"/api/articles/{api['items'][0]['slug']}", timeout=10).json()
        article = re.sub(r"^https?://[^/]+", "", slug_path["url"])
        paths = ["/", article, "/search/?q=bitcoin+etf", "/feed/", "/api/articles"]
        for path in paths:
            status = httpx.get(url + path, timeout=10).status_code
            assert status == 200, (path, status)
        script = scratch / "paths.lua"
        script.write_text(LUA % ", ".join(json.dumps(p) for p in paths))
        outage = {"stopped_at_s": args.seconds / 3, "started_at_s": 2 * args.seconds / 3}
        events = {}

        def outage_thread():
            start = time.monotonic()
            time.sleep(outage["stopped_at_s"])
            subprocess.run(["redis-cli", "-p", str(redis_port), "shutdown", "nosave"],
                           capture_output=True)  # fmt: skip
            redis.wait()
            events["stopped"] = round(time.monotonic() - start, 1)
            time.sleep(max(0.0, outage["started_at_s"] - (time.monotonic() - start)))
            events["redis"] = redis_start(redis_port, scratch)
            events["started"] = round(time.monotonic() - start, 1)

        window = f"{outage['stopped_at_s']:.0f}-{outage['started_at_s']:.0f} s"
        print(f"wrk: {args.seconds} s, {args.connections} connections, Redis down {window} …")
        thread = threading.Thread(target=outage_thread)
        thread.start()
        wrk = subprocess.run(
            ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "10s",
             "-s", str(script), url],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        thread.join()
        consumer_alive = consumer.poll() is None
        ready = httpx.get(url + "/ready/", timeout=10).json()
    finally:
        for proc in (web, consumer):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
        for proc in (redis, *([events["redis"]] if "redis" in events else [])):
            if proc.poll() is None:
                proc.terminate()
                proc.wait()
        log.close()
        consumer_log.close()
    line = next(line for line in wrk.stdout.splitlines() if line.startswith("RESULT"))
    figures = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)}
    server_log = (scratch / "server.log").read_text()
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared with other work)",
        "mode": "scale-out: PostgreSQL, private Redis, gunicorn 2x4 threads, 1 consumer",
        "seconds": args.seconds,
        "connections": args.connections,
        "paths": paths,
        "redis_outage_s": [events.get("stopped"), events.get("started")],
        "requests": figures["requests"],
        "requests_per_second": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
        "non_2xx": figures["non2xx"],
        "socket_errors": {k: figures[k] for k in ("connect", "read", "write", "timeout")},
        "latency_ms": {p: round(figures[p] / 1000, 1) for p in ("p50", "p90", "p99", "max")},
        "server_tracebacks": server_log.count("Traceback"),
        "consumer_survived_outage": consumer_alive,
        "consumer_queue_errors_logged": (scratch / "consumer.log").read_text().count("ERROR"),
        "ready_after": ready["status"],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    if result["non_2xx"] or result["server_tracebacks"]:
        print(f"Errors: the server log is kept in {scratch / 'server.log'}")
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database],
                   check=False)  # fmt: skip


if __name__ == "__main__":
    main()
