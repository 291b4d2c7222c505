"""Time `manage.py import_articles` on a gen_corpus.py corpus in a scratch SQLite database.

Usage: .venv/bin/python bench/import_articles.py [--n 10000] [--seed 42]

The corpus goes to /var/tmp/cryptoflexs-bench/ (kept: it is deterministic), the database to
a temporary CRYPTOFLEXS_VAR_DIR (deleted). Two runs are timed: the first import (every
article created) and a second one of the same file (every article matched and unchanged).
The figures go to bench/results/import_articles.json.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN_CORPUS = Path("/work/shared/peers/gen_corpus.py")
CORPUS_DIR = Path("/var/tmp/cryptoflexs-bench")  # noqa: S108 (a cache of a deterministic file)
RESULTS = ROOT / "bench" / "results" / "import_articles.json"


def corpus(n: int, seed: int) -> Path:
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


def manage(env: dict, *args: str) -> float:
    """Run manage.py and return its wall time in seconds."""
    started = time.perf_counter()
    subprocess.run([sys.executable, ROOT / "manage.py", *args], env=env, cwd=ROOT, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    options = parser.parse_args()
    if not GEN_CORPUS.exists():
        sys.exit(f"{GEN_CORPUS} is needed to generate the corpus")
    path = corpus(options.n, options.seed)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()

    with tempfile.TemporaryDirectory(prefix="cryptoflexs-bench-import-") as var_dir:
        # Everything under var_dir: empty URLs also override any DATABASE_URL in .env.
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("SQLITE_PATH", "MEDIA_ROOT", "HUEY_SQLITE_PATH")
        }
        env.update(
            CRYPTOFLEXS_VAR_DIR=var_dir,
            DJANGO_SETTINGS_MODULE="config.settings.base",
            DATABASE_URL="",
            REDIS_URL="",
        )
        manage(env, "migrate", "--verbosity", "0")
        command = ("import_articles", str(path), "--category-parent", "Crypto")
        first = manage(env, *command)
        again = manage(env, *command)
        database_bytes = sum(f.stat().st_size for f in Path(var_dir).glob("*.sqlite3*"))

    figures = {
        "benchmark": "manage.py import_articles, scratch SQLite database (WAL)",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "corpus": {"path": str(path), "articles": options.n, "seed": options.seed,
                   "bytes": path.stat().st_size, "sha256": sha256},
        "first_import": {"seconds": round(first, 2), "articles_per_s": round(options.n / first)},
        "reimport_unchanged": {"seconds": round(again, 2),
                               "articles_per_s": round(options.n / again)},
        "database_bytes": database_bytes,
        "note": "wall time of the whole manage.py process, Django start-up included",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "sqlite": sqlite3.sqlite_version, "platform": platform.platform()},
    }  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
