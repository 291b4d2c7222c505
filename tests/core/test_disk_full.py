"""A full disk under CRYPTOFLEXS_VAR_DIR (issue #15, item 1): the file cache and the API's
rate-limit counter cannot be written, and every page still answers; /health/ says so.

The cache lives on a real tmpfs of 512 KB that the test fills until it reports ENOSPC.
"""

import pytest

from tests import factories
from tests.faults import fill, small_filesystem

pytestmark = pytest.mark.django_db

EMBEDDED_CACHE = "cryptoflexs.core.cache.ResilientFileBasedCache"  # as config/settings/base.py


@pytest.fixture
def full_var_dir(settings):
    with small_filesystem(512) as var_dir:
        (var_dir / "cache").mkdir()
        (var_dir / "views").mkdir()
        settings.CACHES = {
            "default": {"BACKEND": EMBEDDED_CACHE, "LOCATION": str(var_dir / "cache")}
        }
        settings.VAR_DIR = var_dir
        settings.ANALYTICS_VIEWS_DIR = var_dir / "views"
        settings.PAGE_CACHE_SECONDS = 300
        settings.API_RATE_LIMIT = 100
        fill(var_dir)
        yield var_dir


@pytest.fixture
def content(db):
    bitcoin = factories.category("Bitcoin")
    return factories.article("Miners face a full disk", category=bitcoin, slug="full-disk")


class DiskFullTests:
    @pytest.mark.parametrize(
        "path",
        ["/", "/full-disk/", "/category/bitcoin/", "/feed/", "/sitemap.xml", "/api/articles"],
    )
    def test_pages_answer_when_the_cache_cannot_be_written(
        self, client, content, full_var_dir, path
    ):
        for _ in range(2):  # the first write fails, and so does every one after it
            response = client.get(path)
            assert response.status_code == 200, path

    def test_health_reports_the_full_disk(self, client, full_var_dir):
        response = client.get("/health/")
        assert response.status_code == 200  # the site still serves; monitors read the body
        data = response.json()
        assert data["status"] == "degraded"
        assert data["disk"]["var"]["status"] == "low"
        assert data["disk"]["var"]["free_bytes"] < 4096

    def test_health_is_ok_with_room_on_disk(self, client, db):
        data = client.get("/health/").json()
        assert data["status"] == "ok"
        assert data["disk"]["var"]["status"] == "ok"

    def test_health_measures_a_var_dir_not_created_yet_on_its_parent(
        self, client, db, settings, tmp_path
    ):
        # a fresh checkout: var/ and media/ do not exist before the first run writes to them
        settings.VAR_DIR = tmp_path / "var"
        settings.MEDIA_ROOT = tmp_path / "var" / "media"
        data = client.get("/health/").json()
        assert data["status"] == "ok"
        assert data["disk"]["var"]["status"] == "ok"
        assert data["disk"]["media"]["free_bytes"] > 0
