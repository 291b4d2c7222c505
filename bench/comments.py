"""Time the article page with 0, 50 and 500 approved comments (uncached render) and the
comment POST (validation, anti-spam checks, storage) in a scratch SQLite database.

Usage: .venv/bin/python bench/comments.py [--requests 40]

Static files are collected into the scratch directory first (production settings, no
DEBUG). The figures go to bench/results/comments.json.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "comments.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="cf-bench-comments-")
    os.environ.update(
        CRYPTOFLEXS_VAR_DIR=var, PAGE_CACHE_SECONDS="0", ANTISPAM_RATE_LIMIT="0/60",
        DJANGO_SETTINGS_MODULE="config.settings.base", ALLOWED_HOSTS="testserver",
    )  # fmt: skip
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from cryptoflexs.comments.models import Comment
    from cryptoflexs.core.antispam import form_token
    from tests import factories

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    client = Client()
    figures = {}
    for n in (0, 50, 500):
        article = factories.article(f"Bench article {n}", slug=f"bench-{n}")
        Comment.objects.bulk_create(
            Comment(article=article, name=f"R{i}", email=f"r{i}@example.com",
                    body="A comment with a link https://example.org/x " * 3,
                    status=Comment.Status.APPROVED)
            for i in range(n)
        )  # fmt: skip
        client.get(article.get_absolute_url())
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            assert client.get(article.get_absolute_url()).status_code == 200
            times.append((time.perf_counter() - start) * 1000)
        figures[f"article_page_{n}_comments_ms_p50"] = round(statistics.median(times), 2)
    article = factories.article("Posting target", slug="posting-target")
    token = form_token(now=time.time() - 60)
    times = []
    for i in range(args.requests):
        data = {"name": "Bench", "email": f"b{i}@example.com", "body": "Nice piece, thanks.",
                "form_token": token, "homepage": ""}  # fmt: skip
        start = time.perf_counter()
        assert client.post(f"/comments/{article.pk}/", data).status_code == 302
        times.append((time.perf_counter() - start) * 1000)
    figures["comment_post_ms_p50"] = round(statistics.median(times), 2)
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "database": "SQLite (WAL)",
        "requests_per_figure": args.requests,
        **figures,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))  # noqa: T201


if __name__ == "__main__":
    main()
