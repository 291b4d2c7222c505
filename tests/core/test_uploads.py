"""Uploads in the back office (issue #15): a directory logo is named by its content, not
by the uploader's extension (item 9), and a full media disk is a form error that keeps
nothing half-written, never a 500 (item 10). The full disk is a real 256 KB tmpfs."""

import pytest

from cryptoflexs.articles.models import Article
from cryptoflexs.directory.models import Listing
from tests import factories
from tests.articles.test_featured_image import admin_form_data, upload
from tests.core.test_images import image_bytes
from tests.faults import fill, small_filesystem

pytestmark = pytest.mark.django_db

LISTING_ADD = "/admin/directory/listing/add/"
ARTICLE_ADD = "/admin/articles/article/add/"


def listing_data(**values) -> dict:
    return {
        "name": "Upload Probe Wallet", "slug": "upload-probe-wallet", "kind": "wallet",
        "website": "https://nova.example", "description": "A wallet.", "coins": "BTC",
        "status": Listing.Status.APPROVED, **values,
    }  # fmt: skip


@pytest.fixture
def media_on(settings):
    """Point MEDIA_ROOT at a directory, served by the production storage."""

    def point(root):
        settings.MEDIA_ROOT = str(root)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "cryptoflexs.core.storage.SafeFileSystemStorage"},
        }

    return point


class LogoTypeTests:
    def test_a_gif_called_pdf_is_stored_and_served_as_a_gif(self, admin_client):
        # The test settings' own MEDIA_ROOT: the media URL pattern was bound to it at import.
        gif = upload("brochure.pdf", image_bytes("GIF"), content_type="application/pdf")
        response = admin_client.post(LISTING_ADD, listing_data(logo=gif))
        assert response.status_code == 302, response.context["adminform"].form.errors
        logo = Listing.objects.get(slug="upload-probe-wallet").logo
        assert logo.name.startswith("directory/brochure")
        assert logo.name.endswith(".gif")
        served = admin_client.get(logo.url)
        assert served["Content-Type"] == "image/gif"

    def test_a_file_that_is_no_image_is_refused(self, admin_client):
        pdf = upload("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
        response = admin_client.post(LISTING_ADD, listing_data(logo=pdf))
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["logo"]
        assert not Listing.objects.filter(slug="upload-probe-wallet").exists()


class FullMediaDiskTests:
    @pytest.fixture
    def full_media(self, media_on):
        with small_filesystem(256) as root:
            media_on(root)
            fill(root)
            yield root

    def test_an_article_image_upload_is_a_form_error(self, admin_client, full_media):
        category = factories.category("Markets")
        data = admin_form_data(
            admin_client, ARTICLE_ADD, title="Disk full", slug="disk-full",
            status=Article.Status.DRAFT, category=category.pk, featured_image_alt="A chart",
            featured_image_credit="Image source: us",
            featured_image=upload("chart.jpg", image_bytes(size=(1600, 900))),
        )  # fmt: skip
        response = admin_client.post(ARTICLE_ADD, data)
        assert response.status_code == 200
        assert "storage for uploads is full" in response.content.decode()
        assert not Article.objects.exists()  # nothing saved, the editor's text is in the form
        assert 'value="Disk full"' in response.content.decode()
        assert sorted(p.name for p in full_media.rglob("*") if p.is_file()) == ["filler"]

    def test_a_logo_upload_is_a_form_error(self, admin_client, full_media):
        response = admin_client.post(
            LISTING_ADD, listing_data(logo=upload("nova.png", image_bytes("PNG")))
        )
        assert response.status_code == 200
        assert "storage for uploads is full" in response.content.decode()
        assert not Listing.objects.filter(slug="upload-probe-wallet").exists()
        assert sorted(p.name for p in full_media.rglob("*") if p.is_file()) == ["filler"]
