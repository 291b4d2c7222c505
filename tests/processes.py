"""Start real project processes (task consumers, management commands) against the test
database, for the tests that need more than one process."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
REDIS_FOR_QUEUES = "redis://127.0.0.1:6379/14"


def child_env(tmp_path: Path, *, redis: bool = False) -> dict[str, str]:
    """Environment for a child process: base settings, this test's database, its own queue."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(settings_dict["NAME"])
    else:
        env["DATABASE_URL"] = (
            f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        )
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        CRYPTOFLEXS_VAR_DIR=str(tmp_path / "var"),
        SECRET_KEY="test-secret-key-for-child-processes-only",
        HUEY_NAME=f"test-{uuid.uuid4().hex[:12]}",
        HUEY_SQLITE_PATH=str(tmp_path / "huey.sqlite3"),
        PYTHONUNBUFFERED="1",
        # A consumer runs the periodic tasks: its price refresh must not reach the internet.
        MARKET_DATA_PROVIDER="off",
    )
    if redis:
        env["REDIS_URL"] = REDIS_FOR_QUEUES
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def start_consumer(env: dict[str, str], log: Path, *extra: str) -> subprocess.Popen:
    """Start `manage.py run_huey` in the background; output goes to `log`."""
    handle = log.open("w")
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "run_huey", "--workers", "2", *extra],
        env=env,
        cwd=ROOT,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(2)  # SIGINT: the consumer finishes running tasks and exits
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
