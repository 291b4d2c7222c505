"""Bytes a reader downloads for one page: its HTML and the stylesheets it links, uncompressed
and gzipped (issue #11's target: article HTML + CSS <= 25 KB uncompressed).

Usage (with a loaded database, e.g. one that bench/web.py or import_articles made):
    CRYPTOFLEXS_VAR_DIR=/path/to/var .venv/bin/python bench/page_weight.py [--write KEY]

Prints the figures per page type; --write KEY stores them as "page_weight" in the entry KEY
(e.g. sqlite-10000) of bench/results/web.json.
"""

import argparse
import gzip
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.test import Client  # noqa: E402
from profile_pages import pages  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "web.json"
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def stylesheet_bytes(href: str) -> bytes:
    # /static/css/site.<hash>.css or /static/css/site.css: the source file's bytes (the
    # collected copy only differs by rewritten url() references, which this CSS has none of).
    name = re.sub(r"\.[0-9a-f]{12}(\.css)$", r"\1", href.split("/static/", 1)[1])
    return Path(finders.find(name)).read_bytes()


def weigh(client: Client, url: str) -> dict:
    html = client.get(url, headers={"user-agent": "Mozilla/5.0 weight"}).content
    sheets = {href: stylesheet_bytes(href) for href in STYLESHEET.findall(html.decode())}
    css = b"".join(sheets.values())
    return {
        "html_bytes": len(html),
        "css_bytes": len(css),
        "stylesheets": [href.rsplit("/", 1)[1] for href in sheets],
        "total_bytes": len(html) + len(css),
        "total_gzip_bytes": len(gzip.compress(html, 6))
        + sum(len(gzip.compress(body, 6)) for body in sheets.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", metavar="KEY")
    options = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    figures = {
        name: weigh(client, url)
        for name, url in pages().items()
        if name in ("home", "article", "category", "search")
    }
    for name, f in figures.items():
        print(
            f"{name:10} HTML {f['html_bytes']:6} B + CSS {f['css_bytes']:6} B = "
            f"{f['total_bytes']:6} B ({f['total_gzip_bytes']} B gzipped) {f['stylesheets']}"
        )
    if options.write:
        results = json.loads(RESULTS.read_text())
        results[options.write]["page_weight"] = {
            "how": "bench/page_weight.py: the page's HTML and the stylesheets it links",
            "pages": figures,
        }
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
