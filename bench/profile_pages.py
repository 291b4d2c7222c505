"""Where the time of one request goes, per page type: wall time, queries, template time and
a pyinstrument profile of one request each (page cache off).

Usage (with a loaded database, e.g. one that bench/web.py or import_articles made):
    CRYPTOFLEXS_VAR_DIR=/path/to/var .venv/bin/python bench/profile_pages.py [--html DIR]

Prints a table and the heaviest frames of each profile; --html writes pyinstrument's pages.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.template.backends.django import Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from cryptoflexs.articles.models import Article, Author, Tag  # noqa: E402

_template_seconds = [0.0]
_render = Template.render


def _timed_render(self, *args, **kwargs):
    # Only the outermost template: included ones run inside it.
    started = time.perf_counter()
    depth = getattr(_timed_render, "depth", 0)
    _timed_render.depth = depth + 1
    try:
        return _render(self, *args, **kwargs)
    finally:
        _timed_render.depth = depth
        if depth == 0:
            _template_seconds[0] += time.perf_counter() - started


Template.render = _timed_render


def pages() -> dict[str, str]:
    published = Article.objects.published().order_by("published_at")
    mid = published[published.count() // 2]
    tag = Tag.objects.order_by("pk").first()
    author = Author.objects.order_by("pk").first()
    return {
        "home": "/",
        "article": mid.get_absolute_url(),
        "category": "/category/crypto/bitcoin/",
        "category page 50": "/category/crypto/bitcoin/?page=50",
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "date": f"/{mid.published_at:%Y/%m}/",
        "search": "/search/?q=bitcoin+etf",
        "feed": "/feed/",
        "sitemap": "/sitemap-articles.xml",
        "api list": "/api/articles",
    }


def measure(client: Client, url: str, repeats: int) -> dict:
    client.get(url, headers={"user-agent": "Mozilla/5.0 profile"})
    walls, cpus, templates, queries = [], [], [], []
    for _ in range(repeats):
        _template_seconds[0] = 0.0
        with CaptureQueriesContext(connection) as ctx:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url, headers={"user-agent": "Mozilla/5.0 profile"})
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu_started)
        assert response.status_code == 200, (url, response.status_code)
        templates.append(_template_seconds[0])
        queries.append(ctx.captured_queries)
    sql_ms = [sum(float(q["time"]) for q in qs) * 1000 for qs in queries]
    return {
        "wall_ms": statistics.median(walls) * 1000,
        # CPU time of this process: what other work on a busy machine disturbs least.
        "cpu_ms": min(cpus) * 1000,
        "template_ms": statistics.median(templates) * 1000,
        "queries": len(queries[-1]),
        "sql_ms": statistics.median(sql_ms),
        "slowest": sorted(queries[-1], key=lambda q: -float(q["time"]))[:3],
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--html", type=Path)
    parser.add_argument("--no-profile", action="store_true", help="only the table")
    parser.add_argument("--only", nargs="*")
    options = parser.parse_args()
    # Query timings need the debug cursor; nothing else of DEBUG is turned on.
    connection.force_debug_cursor = True
    client = Client(HTTP_HOST="127.0.0.1")
    print(
        f"{'page':18} {'wall ms':>8} {'cpu ms':>7} {'tmpl ms':>8} {'SQL ms':>7} {'queries':>7} "
        f"{'bytes':>7}"
    )
    for name, url in pages().items():
        if options.only and name not in options.only:
            continue
        figures = measure(client, url, options.repeats)
        print(
            f"{name:18} {figures['wall_ms']:8.1f} {figures['cpu_ms']:7.1f} "
            f"{figures['template_ms']:8.1f} "
            f"{figures['sql_ms']:7.1f} {figures['queries']:7} {figures['bytes']:7}"
        )
        for query in figures["slowest"]:
            print(f"{'':20}{float(query['time']) * 1000:6.1f} ms  {query['sql'][:150]}")
        if options.no_profile:
            continue
        profiler = Profiler(interval=0.0005)
        with profiler:
            client.get(url, headers={"user-agent": "Mozilla/5.0 profile"})
        if options.html:
            options.html.mkdir(parents=True, exist_ok=True)
            slug = name.replace(" ", "-")
            (options.html / f"{slug}.html").write_text(profiler.output_html())
        else:
            text = profiler.output_text(unicode=True, color=False, show_all=False)
            print("\n".join(line for line in text.splitlines()[:60] if line.strip()))


if __name__ == "__main__":
    main()
