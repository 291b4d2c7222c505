"""EMAIL_URL=filemail:///absolute/dir writes there, whatever the working directory (issue
#15, item 12); a real `manage.py sendtestemail` in a child process."""

import subprocess
import sys

from tests.processes import ROOT


def send_test_mail(tmp_path, email_url: str) -> subprocess.CompletedProcess:
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    (tmp_path / "var").mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "CRYPTOFLEXS_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": "test-secret-key-for-child-processes-only",
        "EMAIL_URL": email_url,
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "sendtestemail", "ops@example.org"],
        env=env, cwd=cwd, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


class FileMailTests:
    def test_an_absolute_directory_is_used_as_given(self, tmp_path):
        target = tmp_path / "outbox"
        result = send_test_mail(tmp_path, f"filemail://{target}")
        assert result.returncode == 0, result.stderr
        [message] = list(target.iterdir())
        assert "ops@example.org" in message.read_text()
        assert not [p for p in (tmp_path / "elsewhere").rglob("*") if p.is_file()]

    def test_no_directory_means_var_mail(self, tmp_path):
        result = send_test_mail(tmp_path, "filemail://")
        assert result.returncode == 0, result.stderr
        assert len(list((tmp_path / "var" / "mail").iterdir())) == 1
