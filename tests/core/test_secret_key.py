"""SECRET_KEY (issue #17): the scale-out mode refuses to start without one; the embedded
default generates one once into var/ and keeps it."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage_check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Run `manage.py check` with the base settings and only the variables given."""
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "CRYPTOFLEXS_VAR_DIR": str(tmp_path / "var"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}, "DATABASE_URL"),
        ({"REDIS_URL": "redis://127.0.0.1:9/0"}, "REDIS_URL"),
    ],
)
def test_scale_out_without_secret_key_refuses_to_start(tmp_path, variables, named):
    result = manage_check(tmp_path, **variables)
    assert result.returncode != 0
    assert (
        f"ImproperlyConfigured: SECRET_KEY is not set, but {named} is: the scale-out mode "
        "needs one SECRET_KEY, the same on every machine." in result.stderr
    )
    assert not (tmp_path / "var" / "secret_key").exists()


def test_embedded_default_generates_its_key_once(tmp_path):
    first = manage_check(tmp_path)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "var" / "secret_key"
    key = key_file.read_text()
    assert len(key) >= 50
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert manage_check(tmp_path).returncode == 0
    assert key_file.read_text() == key
