"""`make bench-web`: our pages against the WordPress peer and a static file, in one run.

Loads ../shared/peers/gen_corpus.py's corpus (BENCH_N articles, seed 42, the WordPress peer's
corpus) into a throwaway database (SQLite, or PostgreSQL with BENCH_DB=postgresql), starts our
server in production settings (DEBUG off, collected static files, its own var dir, free
ports) once with the page cache off and once with it on, and runs `wrk -t2 -c32 -d15s` on the
same pages against each of them and against the WordPress peer when it answers on
127.0.0.1:8081, alternating, two rounds, plus a static-file baseline (nginx serving a saved
copy of our article page). Every answer is checked (status, a marker string, size) before
and after its run; a figure whose answers were wrong is marked invalid.

Environment: BENCH_N (10000), BENCH_DB (sqlite | postgresql), BENCH_PG_URL (PostgreSQL
server URL without a database name), BENCH_ROUNDS (2), BENCH_DURATION (15s), BENCH_THREADS
(2), BENCH_CONNS (32), BENCH_PAGES (home,article,category,search,feed), BENCH_SERVERS
(gunicorn: the servers `manage.py serve --server` offers, comma-separated), BENCH_GZIP (1:
also the article with Accept-Encoding: gzip), WP_URL (http://127.0.0.1:8081),
BENCH_SQLITE_FROM (copy this SQLite file, loaded from the same corpus, instead of importing).
Figures go to bench/results/web.json (one entry per database and size) and README.md.
"""

import datetime as dt
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import webtools as wt
from import_articles import GEN_CORPUS, ROOT, corpus
from webreport import write_readme

RESULTS = ROOT / "bench" / "results" / "web.json"
N = int(os.environ.get("BENCH_N", "10000"))
DB = os.environ.get("BENCH_DB", "sqlite")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
DURATION = os.environ.get("BENCH_DURATION", "15s")
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
CONNS = int(os.environ.get("BENCH_CONNS", "32"))
PAGES = os.environ.get("BENCH_PAGES", "home,article,category,search,feed").split(",")
SERVERS = os.environ.get("BENCH_SERVERS", "gunicorn").split(",")
GZIP = os.environ.get("BENCH_GZIP", "1") == "1"
WP_URL = os.environ.get("WP_URL", "http://127.0.0.1:8081").rstrip("/")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
PG_NAME = f"cf_bench_web_{os.getpid()}"
COPY_FROM = os.environ.get("BENCH_SQLITE_FROM", "")
HEADERS = {"User-Agent": wt.BROWSER_UA}
GZIP_HEADERS = {**HEADERS, "Accept-Encoding": "gzip"}


def corpus_facts(path: Path) -> dict:
    """Return the mid-corpus article (the one the WordPress peer benchmarks) and the newest."""
    lines = path.read_text().splitlines()
    mid, newest = json.loads(lines[len(lines) // 2]), json.loads(lines[-1])
    return {"slug": mid["slug"], "title": mid["title"], "newest": newest["title"]}


def paths(facts: dict) -> dict[str, tuple[str, str]]:
    """Return, per page, our path and WordPress's."""
    article = f"/{facts['slug']}/"
    return {
        "home": ("/", "/"),
        "article": (article, article),
        "category": ("/category/crypto/bitcoin/", "/category/crypto/bitcoin/"),
        "search": ("/search/?q=bitcoin+etf", "/?s=bitcoin+etf"),
        "feed": ("/feed/", "/feed/"),
    }


def checks(facts: dict, page: str, ours: bool) -> wt.Check:
    markers = {
        "home": [facts["newest"]],
        "article": [facts["title"]],
        "category": ["bitcoin"],
        "search": ["search-count", "<mark"] if ours else ["bitcoin etf", "wp-block-post-title"],
        "feed": ["<rss", "<item>", "</rss>"],
    }[page]
    if page != "feed":
        markers.append("</html>")
    return wt.Check(markers=markers)


def django_env(var_dir: Path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SQLITE_", "HUEY_"))}
    env.update(
        CRYPTOFLEXS_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="false",
        DATABASE_URL=database_url,
        REDIS_URL="",
        SECRET_KEY=secrets.token_urlsafe(40),
        STATIC_ROOT=str(var_dir / "static"),
        MEDIA_ROOT=str(var_dir / "media"),
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, ROOT / "manage.py", *args], env=env, cwd=ROOT, check=True)


def pg(sql: str) -> None:
    subprocess.run(["psql", f"{PG_URL}/postgres", "-q", "-c", sql], check=True, capture_output=True)


def load(env: dict, corpus_path: Path) -> float:
    started = time.perf_counter()
    if COPY_FROM and DB == "sqlite":
        # A database an earlier run (or import_articles) loaded from the same corpus.
        shutil.copyfile(COPY_FROM, Path(env["CRYPTOFLEXS_VAR_DIR"]) / "db.sqlite3")
    manage(env, "migrate", "--verbosity", "0")
    if not (COPY_FROM and DB == "sqlite"):
        manage(env, "import_articles", str(corpus_path), "--category-parent", "Crypto")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return round(time.perf_counter() - started, 1)


def start_ours(env: dict, server: str, cache_on: bool, log: Path) -> dict:
    port = wt.free_port()
    env = {**env, "PAGE_CACHE_SECONDS": "300" if cache_on else "0", "WEB_WORKERS": "2"}
    env["SITE_URL"] = f"http://127.0.0.1:{port}"
    argv = [sys.executable, ROOT / "manage.py", "serve", "--no-worker", "--port", str(port)]
    argv += ["--server", server]
    with log.open("ab") as out:
        proc = subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=out, stderr=out, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    wt.wait_until_up(f"{base}/health/", proc)
    label = f"ours {server} cache {'on' if cache_on else 'off'}"
    return {"label": label, "base": base, "proc": proc, "cache": cache_on, "server": server}


def measure(target: dict, page: str, path: str, check: wt.Check, headers: dict) -> dict:
    url = target["base"] + path
    check.verify(url, headers, fill=True)  # warm-up, and for the page cache: fill it
    size = check.verify(url, headers)
    before = len(check.problems)
    figures = wt.run_wrk(url, threads=THREADS, conns=CONNS, duration=DURATION, headers=headers)
    figures["load_avg"] = wt.loadavg()
    after = check.verify(url, headers)
    # The sidebar's Most Popular fills in once the consumer stores the run's views: a small
    # change of size is the same page; a large one (an error page, an empty list) is not.
    if not 0.9 * size <= after <= 1.1 * size:
        check.problems.append(f"{url}: {size} bytes before the run, {after} after")
    figures["bytes"] = size
    figures["bytes_after"] = after
    figures["wire_bytes"] = check.wire_bytes
    figures["valid"] = (
        size > 0 and len(check.problems) == before and figures["non_2xx"] == 0
        and not figures.get("socket_errors")
    )  # fmt: skip
    if "proc" in target:
        peaks = wt.peak_rss_mb(wt.web_processes(target["proc"].pid))
        figures["peak_rss_mb"] = max(peaks.values(), default=None)
    print(
        f"  {page:14} {target['label']:28} {figures['rps']:>9.1f} req/s  p50 {figures['p50_ms']}"
        f" ms  p99 {figures['p99_ms']} ms  {size} B  load {figures['load_avg']}"
        f"{'' if figures['valid'] else '  INVALID'}",
        flush=True,
    )
    return figures


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    if not GEN_CORPUS.exists():
        sys.exit(f"{GEN_CORPUS} is needed to generate the corpus")
    corpus_path = corpus(N, 42)
    facts = corpus_facts(corpus_path)
    wordpress = wt.get(f"{WP_URL}/", timeout=10)[0] == 200
    print(f"WordPress peer at {WP_URL}: {'answers' if wordpress else 'not running; skipped'}")
    started_at = dt.datetime.now(dt.UTC)
    var_dir = Path(tempfile.mkdtemp(prefix="cryptoflexs-bench-web-"))
    nginx_dir = Path(tempfile.mkdtemp(prefix="cryptoflexs-bench-nginx-"))
    nginx_dir.chmod(0o755)  # nginx's workers run as an unprivileged user
    database_url = ""
    if DB == "postgresql":
        pg(f"CREATE DATABASE {PG_NAME}")
        database_url = f"{PG_URL}/{PG_NAME}"
    running: list = []
    try:
        env = django_env(var_dir, database_url)
        print(f"loading {N} articles into {DB} …", flush=True)
        load_seconds = load(env, corpus_path)
        # One task consumer, as `make run` has (it flushes the view counts every minute).
        consumer = subprocess.Popen(
            [sys.executable, ROOT / "manage.py", "run_huey", "--workers", "1"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        running.append(consumer)
        targets = []
        for server in SERVERS:
            for cache_on in (False, True):
                targets.append(start_ours(env, server, cache_on, var_dir / "server.log"))
                running.append(targets[-1]["proc"])
        if wordpress:
            targets.append({"label": "WordPress", "base": WP_URL, "ours": False})
        page_paths = paths(facts)
        _, _, article_page = wt.get(targets[0]["base"] + page_paths["article"][0])
        nginx = wt.start_nginx(nginx_dir, article_page)
        if nginx:
            running.append(nginx[0])
        runs = []
        for round_no in range(1, ROUNDS + 1):
            print(f"round {round_no}/{ROUNDS}", flush=True)
            for page in PAGES:
                variants = [(page, HEADERS)] + (
                    [(f"{page}+gzip", GZIP_HEADERS)] if GZIP and page == "article" else []
                )  # noqa: E501
                for name, headers in variants:
                    for target in targets:
                        ours = target.get("ours", True)
                        if not ours and headers is GZIP_HEADERS:
                            continue
                        check = checks(facts, page, ours)
                        check.expect_hit = target.get("cache", False) and page != "feed"
                        path = page_paths[page][0 if ours else 1]
                        figures = measure(target, name, path, check, headers)
                        figures.update(round=round_no, page=name, target=target["label"],
                                       path=path, problems=check.problems)  # fmt: skip
                        runs.append(figures)
            if nginx:
                check = wt.Check(markers=[facts["title"]])
                static = {"label": "static file (nginx)", "base": nginx[1].rsplit("/", 1)[0]}
                figures = measure(static, "static", "/article.html", check, HEADERS)
                figures.update(round=round_no, page="static", target=static["label"],
                               path="/article.html", problems=check.problems)  # fmt: skip
                runs.append(figures)
    finally:
        for proc in reversed(running):
            wt.stop(proc)
        shutil.rmtree(var_dir, ignore_errors=True)
        shutil.rmtree(nginx_dir, ignore_errors=True)
        if DB == "postgresql":
            pg(f"DROP DATABASE IF EXISTS {PG_NAME}")

    entry = {
        "benchmark": "bench/web.py (make bench-web)",
        "started_at": started_at.isoformat(timespec="seconds"),
        "articles": N,
        "database": DB,
        "servers": SERVERS,
        "wordpress_peer": WP_URL if wordpress else None,
        "static_baseline": "nginx, a saved copy of our article page" if nginx else None,
        "wrk": f"wrk -t{THREADS} -c{CONNS} -d{DURATION} --latency, browser User-Agent",
        "rounds": ROUNDS,
        "load_seconds": load_seconds,
        "loaded_from": COPY_FROM or "import_articles",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "runs": runs,
    }
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[f"{DB}-{N}"] = entry
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    write_readme(results, ROOT / "README.md")
    print(f"figures in {RESULTS.relative_to(ROOT)}; table in README.md")


if __name__ == "__main__":
    main()
