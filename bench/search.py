"""Search benchmark: latency of 200 fixed queries, known-item search and related-posts
precision, on scratch databases (SQLite always; PostgreSQL when reachable).

Usage: .venv/bin/python bench/search.py [--sizes 10000 100000] [--pg-sizes 10000]

Each size: a gen_corpus.py corpus (cached in /var/tmp/cryptoflexs-bench/) is imported with
`manage.py import_articles` into a scratch database (SQLite in a temporary
CRYPTOFLEXS_VAR_DIR; PostgreSQL in the database `cf_bench_search`, dropped afterwards); the
triggers index it during the import. Then, in a Django process on that database:
- the 200 queries (single common and rare words, phrases, prefixes, exclusions, typos) run
  through `cryptoflexs.search.selectors.search()` (count, page of ids, articles, snippets:
  all the page's search work), once to warm up and three times measured: p50/p95/p99;
- suggestions (the overlay's endpoint work) for 100 typed prefixes: p50/p95;
- known-item search: the exact titles of 200 random articles (seeded): share found first
  and the mean reciprocal rank (ranks beyond 10 count 0);
- related posts computed afresh for 50 articles (the cost of a cache miss).
Related-posts precision@3 uses ../shared/data/same-story/uci-news-15-stories.csv (same
STORY = related): its headlines are loaded as articles in a scratch SQLite database.
Figures go to bench/results/search.json.
"""

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN_CORPUS = Path("/work/shared/peers/gen_corpus.py")
SAME_STORY = ROOT.parent / "shared" / "data" / "same-story" / "uci-news-15-stories.csv"
CORPUS_DIR = Path("/var/tmp/cryptoflexs-bench")  # noqa: S108 (a cache of a deterministic file)
RESULTS = ROOT / "bench" / "results" / "search.json"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "cf_bench_search"

COMMON = [
    "bitcoin",
    "price",
    "market",
    "the",
    "etf",
    "ethereum",
    "traders",
    "crypto",
    "exchange",
    "analysts",
    "week",
    "inflows",
    "data",
    "network",
    "token",
]
MID = [
    "halving",
    "hashrate",
    "staking",
    "liquidations",
    "stablecoin",
    "regulation",
    "miners",
    "whales",
    "listing",
    "airdrop",
    "validators",
    "custody",
    "tokenization",
    "options",
]
RARE = [
    "kaspa",
    "dencun",
    "pectra",
    "hashprice",
    "ordinals",
    "injective",
    "monero",
    "hedera",
    "filecoin",
    "vara",
    "nubank",
    "lookonchain",
    "restaking",
    "verkle",
    "zksync",
]
PHRASES = [
    '"spot bitcoin"',
    '"token unlock"',
    '"open interest"',
    '"funding rates"',
    '"layer 2"',
    '"price prediction"',
    '"net inflows"',
    '"proof of reserves"',
    '"real-world assets"',
    '"gas fees"',
    '"long-term holders"',
    '"the sec"',
]
PREFIXES = ["bitco*", "ether*", "stak*", "liquid*", "regul*", "tokeni*", "solan*", "valid*"]
EXCLUDE = ["bitcoin -etf", "ethereum -staking", "exchange -binance", "solana -price"]
TYPOS = ["etherium", "bitcoinn", "solanna", "cardanno", "staiking", "liquidaton"]


def fixed_queries() -> list[str]:
    """Return the 200 queries, always the same: words, pairs, phrases, prefixes, typos."""
    rng = random.Random(7)
    queries = COMMON + MID + RARE + PHRASES + PREFIXES + EXCLUDE + TYPOS
    while len(queries) < 200:
        kind = rng.random()
        if kind < 0.4:
            queries.append(f"{rng.choice(COMMON)} {rng.choice(MID)}")
        elif kind < 0.7:
            queries.append(f"{rng.choice(MID)} {rng.choice(RARE)}")
        elif kind < 0.85:
            queries.append(f"{rng.choice(COMMON)} {rng.choice(COMMON)}")
        else:
            queries.append(f"{rng.choice(PHRASES)} {rng.choice(MID)}")
    return queries[:200]


def corpus(n: int, seed: int = 42) -> Path:
    path = CORPUS_DIR / f"corpus-{n}-seed{seed}.jsonl"
    if not path.exists():
        CORPUS_DIR.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        subprocess.run(
            [sys.executable, GEN_CORPUS, "--n", str(n), "--seed", str(seed), "--out", partial],
            check=True,
        )
        partial.rename(path)
    return path


def percentiles(values: list[float]) -> dict:
    values = sorted(values)
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": round(q[49], 2), "p95": round(q[94], 2), "p99": round(q[98], 2),
            "max": round(values[-1], 2)}  # fmt: skip


# The measuring process (runs inside Django, on the scratch database) ------------------------


def measure(task: str) -> dict:
    import django

    django.setup()
    from django.db import connection

    from cryptoflexs.articles.models import Article
    from cryptoflexs.search.backends import get_backend
    from cryptoflexs.search.selectors import related_ids, search, suggest

    if task == "precision":
        return related_precision()
    queries = fixed_queries()
    for q in queries:  # warm-up: page cache of SQLite, vocabulary for typos
        search(q, per_page=10)
    timings = []
    for _ in range(3):
        for q in queries:
            started = time.perf_counter()
            search(q, per_page=10)
            timings.append((time.perf_counter() - started) * 1000)
    prefixes = [q.strip('"*-')[: 2 + i % 5] for i, q in enumerate(queries[:100])]
    suggest_timings = []
    for p in prefixes:
        started = time.perf_counter()
        suggest(p)
        suggest_timings.append((time.perf_counter() - started) * 1000)

    rng = random.Random(11)
    ids = list(Article.objects.published().values_list("pk", flat=True))
    sample = Article.objects.filter(pk__in=rng.sample(ids, 200)).only("title")
    first, same_title_first, reciprocal = 0, 0, []
    for article in sample.only("title", "title_key"):
        hits = [h.article for h in search(article.title, per_page=10).hits]
        found = [hit.pk for hit in hits]
        rank = found.index(article.pk) + 1 if article.pk in found else 0
        first += rank == 1
        # The corpus repeats some headlines: another article with the very same title first.
        same_title_first += bool(hits) and hits[0].title_key == article.title_key
        reciprocal.append(1 / rank if rank else 0)

    related_timings = []
    for article in Article.objects.filter(pk__in=rng.sample(ids, 50)):
        started = time.perf_counter()
        related_ids(article, limit=3)
        related_timings.append((time.perf_counter() - started) * 1000)
    return {
        "vendor": connection.vendor,
        "articles": len(ids),
        "index_bytes": get_backend().size_bytes(),
        "queries": {"count": len(queries), "runs": 3, "ms": percentiles(timings)},
        "suggestions_ms": percentiles(suggest_timings),
        "known_item": {
            "searches": 200,
            "first_share": round(first / 200, 3),
            "same_title_first_share": round(same_title_first / 200, 3),
            "mrr": round(statistics.mean(reciprocal), 3),
        },  # fmt: skip
        "related_uncached_ms": percentiles(related_timings),
    }


def related_precision() -> dict:
    from django.utils import timezone  # noqa: F401 (Django set up by the caller)

    from cryptoflexs.articles.models import Article, Author, Category
    from cryptoflexs.search.selectors import related_ids

    with SAME_STORY.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    category = Category.objects.create(name="Business", slug="business")
    author = Author.objects.create(name="Wire", slug="wire")
    story_of = {}
    for row in rows:
        published = dt.datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=dt.UTC)
        article = Article.objects.create(
            title=row["TITLE"], slug=f"story-{row['ID']}", body_html=f"<p>{row['TITLE']}</p>",
            status="published", published_at=published, category=category, author=author,
        )  # fmt: skip
        story_of[article.pk] = row["STORY"]
    precisions = []
    for article in Article.objects.all():
        picked = related_ids(article, limit=3)
        if picked:
            same = sum(story_of[pk] == story_of[article.pk] for pk in picked)
            precisions.append(same / len(picked))
    return {"articles": len(rows), "stories": len(set(story_of.values())),
            "precision_at_3": round(statistics.mean(precisions), 3),
            "articles_with_recommendations": len(precisions)}  # fmt: skip


# The driver -----------------------------------------------------------------------------------


def run(env: dict, *args: str, capture=False) -> str:
    result = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, check=True, text=True,
        stdout=subprocess.PIPE if capture else None,
    )  # fmt: skip
    return result.stdout if capture else ""


def scratch_env(var_dir: str, database_url: str = "") -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SQLITE_PATH", "MEDIA_ROOT", "HUEY_SQLITE_PATH")}  # fmt: skip
    env.update(CRYPTOFLEXS_VAR_DIR=var_dir, DJANGO_SETTINGS_MODULE="config.settings.base",
               DATABASE_URL=database_url, REDIS_URL="", PAGE_CACHE_SECONDS="0")  # fmt: skip
    return env


def pg_admin(sql: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(sql)
    except psycopg.Error as exc:
        print(f"PostgreSQL: {exc}", file=sys.stderr)
        return False
    return True


def bench_size(n: int, vendor: str) -> dict:
    path = corpus(n)
    with tempfile.TemporaryDirectory(prefix="cryptoflexs-bench-search-") as var_dir:
        url = ""
        if vendor == "postgresql":
            pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
            if not pg_admin(f"CREATE DATABASE {PG_BENCH_DB}"):
                return {"skipped": "PostgreSQL not reachable"}
            url = f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}"
        env = scratch_env(var_dir, url)
        try:
            run(env, "manage.py", "migrate", "--verbosity", "0")
            started = time.perf_counter()
            run(env, "manage.py", "import_articles", str(path), "--category-parent", "Crypto",
                "--no-progress")  # fmt: skip
            imported = time.perf_counter() - started
            started = time.perf_counter()
            run(env, "manage.py", "reindex", "--no-progress")
            reindexed = time.perf_counter() - started
            figures = json.loads(run(env, __file__, "--measure", "search", capture=True))
        finally:
            if vendor == "postgresql":
                pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
    figures["import_with_indexing_s"] = round(imported, 1)
    figures["reindex_s"] = round(reindexed, 1)
    return figures


def bench_precision() -> dict:
    if not SAME_STORY.exists():
        return {"skipped": f"{SAME_STORY} is absent"}
    with tempfile.TemporaryDirectory(prefix="cryptoflexs-bench-related-") as var_dir:
        env = scratch_env(var_dir)
        run(env, "manage.py", "migrate", "--verbosity", "0")
        return json.loads(run(env, __file__, "--measure", "precision", capture=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--pg-sizes", type=int, nargs="*", default=[10_000])
    parser.add_argument("--measure", choices=["search", "precision"], help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(options.measure)))
        return
    if not GEN_CORPUS.exists():
        sys.exit(f"{GEN_CORPUS} is needed to generate the corpora")
    started = time.perf_counter()
    runs = []
    for n in options.sizes:
        print(f"SQLite, {n} articles …", file=sys.stderr)
        runs.append({"backend": "sqlite", "n": n, **bench_size(n, "sqlite")})
    for n in options.pg_sizes:
        print(f"PostgreSQL, {n} articles …", file=sys.stderr)
        runs.append({"backend": "postgresql", "n": n, **bench_size(n, "postgresql")})
    print("Related-posts precision …", file=sys.stderr)
    figures = {
        "benchmark": "cryptoflexs.search: query latency, known-item search, related posts",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "runs": runs,
        "related_precision": bench_precision(),
        "wall_s": round(time.perf_counter() - started),
        "note": "latency in ms of selectors.search() per query (count, ids, articles, "
        "snippets), in-process, warm; 3 runs of 200 queries",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "sqlite": sqlite3.sqlite_version, "platform": platform.platform()},
    }  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
