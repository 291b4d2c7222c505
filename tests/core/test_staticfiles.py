"""Static files without DEBUG: pages work before `collectstatic` has run, and say it is due."""

import json
import re
import socket
import subprocess
import sys
import urllib.request

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from cryptoflexs.core.staticfiles import ManifestStaticFilesStorage
from tests import factories
from tests.processes import ROOT, child_env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


@pytest.mark.django_db(transaction=True)
def test_runserver_without_debug_serves_pages_before_collectstatic(tmp_path):
    factories.article()
    env = child_env(tmp_path)
    env.update(DEBUG="false", STATIC_ROOT=str(tmp_path / "never-collected"))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        started = []
        for line in server.stdout:  # runserver says when it listens
            started.append(line)
            if "Quit the server" in line:
                break
        output = "".join(started)
        assert "Quit the server" in output, output
        assert "cryptoflexs.W001" in output, "runserver should say that collectstatic is due"

        for path in ("/", "/admin/login/"):
            status, _, body = get(f"http://127.0.0.1:{port}{path}")
            assert status == 200, (path, body[:2000])
        _, _, home = get(f"http://127.0.0.1:{port}/")
        stylesheet = re.search(rb'<link rel="stylesheet" href="([^"]+)"', home).group(1).decode()
        assert stylesheet == "/static/css/site.css"  # the plain name: nothing is hashed yet
        status, content_type, css = get(f"http://127.0.0.1:{port}{stylesheet}")
        assert status == 200
        assert content_type.startswith("text/css")
        assert css == (ROOT / "static/css/site.css").read_bytes()
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


def test_manifest_names_win_and_an_uncollected_file_falls_back_to_its_plain_name(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/site.css": "css/site.0123abcd.css"}})
    )
    storage = ManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    # Added to the sources after the last collectstatic: its plain name, not an error page.
    assert storage.url("js/site.js") == "/static/js/site.js"
    # A name that exists nowhere is a template mistake, and still fails loudly.
    with pytest.raises(ValueError, match="no-such-file.css"):
        storage.url("css/no-such-file.css")


def test_system_check_warns_only_when_nothing_was_collected(tmp_path):
    backend = {"BACKEND": "cryptoflexs.core.staticfiles.ManifestStaticFilesStorage"}
    storages = {"default": {"BACKEND": "cryptoflexs.core.storage.SafeFileSystemStorage"}}
    with override_settings(STATIC_ROOT=tmp_path, STORAGES={**storages, "staticfiles": backend}):
        assert "cryptoflexs.W001" in [m.id for m in run_checks()]
        (tmp_path / "staticfiles.json").write_text(
            json.dumps({"version": "1.1", "paths": {"css/site.css": "css/site.0123abcd.css"}})
        )
    with override_settings(STATIC_ROOT=tmp_path, STORAGES={**storages, "staticfiles": backend}):
        assert "cryptoflexs.W001" not in [m.id for m in run_checks()]
