"""Production settings: `check --deploy` clean, HTTPS redirect and HSTS from the environment."""

import os
import secrets
import subprocess
import sys

import pytest

from tests.processes import ROOT

pytestmark = pytest.mark.django_db


def _run(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Collect the static files once, as every deployment does before it serves."""
    root = tmp_path_factory.mktemp("static")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "CRYPTOFLEXS_VAR_DIR": str(root.parent),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "STATIC_ROOT": str(root),
    }
    result = _run(env, "collectstatic", "--noinput", "-v0")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def deploy_check(tmp_path, static_root):
    def check(**variables) -> subprocess.CompletedProcess:
        dropped = ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")  # the tests set it
        env = {k: v for k, v in os.environ.items() if k not in dropped}
        env.update(
            CRYPTOFLEXS_VAR_DIR=str(tmp_path),
            STATIC_ROOT=str(static_root),
            ALLOWED_HOSTS="news.example.com",
            **variables,
        )
        return _run(env, "check", "--deploy", "--fail-level", "WARNING")

    return check


class DeployCheckTests:
    def test_production_module_passes_check_deploy(self, deploy_check):
        result = deploy_check(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
        )
        assert result.returncode == 0, result.stderr
        assert "no issues" in result.stdout

    def test_base_settings_pass_with_the_documented_variables(self, deploy_check):
        result = deploy_check(
            DJANGO_SETTINGS_MODULE="config.settings.base",
            SECRET_KEY=secrets.token_urlsafe(50),
            SECURE_SSL_REDIRECT="1",
            SECURE_HSTS_SECONDS="31536000",
            SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
            SECURE_HSTS_PRELOAD="1",
            SECURE_COOKIES="1",
        )
        assert result.returncode == 0, result.stderr

    def test_base_settings_without_them_fail_it(self, deploy_check):
        result = deploy_check(DJANGO_SETTINGS_MODULE="config.settings.base", SECRET_KEY="x" * 60)
        assert result.returncode != 0
        assert "security.W004" in result.stderr  # HSTS
        assert "security.W008" in result.stderr  # SSL redirect

    def test_production_refuses_to_start_without_a_secret_key(self, deploy_check):
        env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": ""}
        result = deploy_check(**env)
        assert result.returncode != 0
        assert "SECRET_KEY must be set" in result.stderr


class HttpsBehaviourTests:
    def test_redirect_and_hsts_but_not_for_probes(self, client, settings):
        settings.SECURE_SSL_REDIRECT = True
        settings.SECURE_HSTS_SECONDS = 31_536_000
        settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
        settings.SECURE_HSTS_PRELOAD = True
        response = client.get("/")
        assert response.status_code == 301
        assert response["Location"].startswith("https://")
        # Load balancers probe over plain HTTP on the private network.
        assert client.get("/health/").status_code == 200
        secure = client.get("/health/", secure=True)
        assert secure["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
