"""Time the distribution endpoints (feeds, sitemaps, API) on the demo content, uncached.

Usage: .venv/bin/python bench/distribution.py [--runs 50]

A scratch SQLite database (temporary CRYPTOFLEXS_VAR_DIR, deleted) gets the demo content
(150 articles); each URL is requested in-process through Django's test client with the page
cache off, so the figures are the cost of building each response. Figures (ms, p50/p95)
go to bench/results/distribution.json.
"""

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "distribution.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cryptoflexs-bench-") as var:
        env = {**os.environ, "CRYPTOFLEXS_VAR_DIR": var, "SECRET_KEY": "bench-only"}
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        for step in (["migrate", "-v0"], ["load_demo"]):
            subprocess.run(
                [sys.executable, ROOT / "manage.py", *step],
                env=env, cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
        os.environ.update(
            CRYPTOFLEXS_VAR_DIR=var,
            SECRET_KEY="bench-only",  # noqa: S106 (a throw-away database)
            PAGE_CACHE_SECONDS="0",
            API_RATE_LIMIT="0",
            DJANGO_SETTINGS_MODULE="config.settings.base",
        )
        os.environ.pop("DATABASE_URL", None)
        os.environ.pop("REDIS_URL", None)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.conf import settings
        from django.test import Client

        from cryptoflexs.articles.models import Article

        settings.ALLOWED_HOSTS = ["testserver"]
        slug = Article.objects.published().order_by("-published_at").first().slug
        urls = {
            "rss (excerpts)": "/feed/",
            "atom (excerpts)": "/feed/atom/",
            "category rss": "/category/crypto/feed/",
            "sitemap index": "/sitemap.xml",
            "sitemap articles": "/sitemap-articles.xml",
            "news sitemap": "/sitemap-news.xml",
            "api articles (20)": "/api/articles",
            "api article detail": f"/api/articles/{slug}",
            "api search": "/api/search?q=bitcoin",
        }
        client = Client()
        figures = {}
        for name, url in urls.items():
            client.get(url)  # warm-up
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            times.sort()
            figures[name] = {
                "url": url,
                "p50_ms": round(statistics.median(times), 2),
                "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
                "bytes": len(response.content),
            }
        settings.FEEDS_FULL_CONTENT = True
        for name, url in {
            "rss (full content)": "/feed/",
            "atom (full content)": "/feed/atom/",
        }.items():
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            figures[name] = {
                "url": url,
                "p50_ms": round(statistics.median(times), 2),
                "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
                "bytes": len(response.content),
            }
    result = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "database": "SQLite (WAL), demo content: 150 articles",
        "runs_per_url": args.runs,
        "page_cache": "off",
        "figures": figures,
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    for name, f in figures.items():
        print(f"{name:22} p50 {f['p50_ms']:7.2f} ms  p95 {f['p95_ms']:7.2f} ms  {f['bytes']:>7} B")


if __name__ == "__main__":
    main()
