"""The article form for editors: title-only drafts, the rich-text editor (and when it steps
aside), the featured image thumbnail, body images in the publish checklist, the media
library's upload and picker endpoints."""

import pytest
from django.contrib.auth.models import Group, User

from cryptoflexs.articles.models import Article
from cryptoflexs.editorial import roles
from cryptoflexs.editorial.models import MediaImage
from tests import factories
from tests.core.test_images import files_under, image_bytes
from tests.editorial.test_admin import form_data

pytestmark = pytest.mark.django_db
S = Article.Status
ADD = "/admin/articles/article/add/"


@pytest.fixture
def editor(db):
    user = User.objects.create_user("ed", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    return user


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


class TitleOnlyDraftTests:
    def test_a_draft_saves_with_only_a_title(self, client, editor):
        client.force_login(editor)
        response = client.post(ADD, {"title": "An idea for Friday", "status": S.DRAFT})
        assert response.status_code == 302, response.context["adminform"].form.errors
        article = Article.objects.get(title="An idea for Friday")
        assert article.slug == "an-idea-for-friday"  # made from the title
        assert article.category is None
        assert article.body_html == ""
        assert article.status == S.DRAFT
        # Its change form and its preview open (no category, no body yet).
        assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
        assert client.get(article.get_absolute_url()).status_code == 200
        assert client.get("/admin/articles/article/").status_code == 200

    def test_made_slugs_never_collide(self, client, editor):
        factories.article("Taken", slug="market-wrap")
        client.force_login(editor)
        for _ in range(2):
            assert client.post(ADD, {"title": "Market wrap", "status": S.DRAFT}).status_code == 302
        assert sorted(
            Article.objects.filter(title="Market wrap").values_list("slug", flat=True)
        ) == [
            "market-wrap-2",
            "market-wrap-3",
        ]

    def test_publishing_still_needs_the_checklist(self, client, editor):
        client.force_login(editor)
        response = client.post(ADD, {"title": "Too soon", "status": S.PUBLISHED})
        assert response.status_code == 200
        page = response.content.decode()
        assert "The article needs a body." in page
        assert "The article needs a category." in page
        assert not Article.objects.filter(title="Too soon").exists()


class BodyImageChecklistTests:
    def test_a_body_image_without_alt_text_blocks_publishing(self, client, editor):
        client.force_login(editor)
        body = (
            '<p>The chart:</p><img src="/media/media/2026/01/chart.png" width="800" height="450">'
        )
        response = client.post(ADD, form_data(status=S.PUBLISHED, body_html=body))
        assert response.status_code == 200
        assert "One image in the body has no alt text" in response.content.decode()
        assert not Article.objects.filter(slug="a-new-story").exists()

        body = body.replace("<img ", '<img alt="Bitcoin price, January" ')
        response = client.post(ADD, form_data(status=S.PUBLISHED, body_html=body))
        assert response.status_code == 302
        assert Article.objects.get(slug="a-new-story").is_live

    def test_an_image_from_another_site_is_a_warning(self, client, editor):
        client.force_login(editor)
        body = '<p>Look:</p><img src="https://elsewhere.example/x.png" alt="A chart">'
        response = client.post(ADD, form_data(status=S.PUBLISHED, body_html=body), follow=True)
        assert Article.objects.get(slug="a-new-story").is_live
        assert "stored on another site" in response.content.decode()


class EditorWidgetTests:
    def test_the_body_uses_the_local_rich_text_editor(self, client, editor):
        client.force_login(editor)
        page = client.get(ADD).content.decode()
        assert "data-django-prose-editor-configurable" in page
        assert '<script type="importmap"' in page
        assert 'src="/static/django_prose_editor/editor.js"' in page
        assert 'data-media-upload="/admin/editorial/mediaimage/upload/"' in page
        # Everything the editor loads is ours: no address of another host on the page.
        assert "https://" not in page.split("<body", 1)[0]

    def test_a_body_the_editor_would_damage_is_edited_as_html(self, client, editor):
        article = factories.article(body_html="<dl><dt>TVL</dt><dd>Total value locked</dd></dl>")
        client.force_login(editor)
        page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
        assert "data-django-prose-editor-configurable" not in page
        assert "Edited as HTML: the visual editor would drop markup" in page
        assert "&lt;dd&gt;, &lt;dl&gt;, &lt;dt&gt;" in page

    def test_the_server_still_sanitises_what_the_editor_posts(self, client, editor):
        client.force_login(editor)
        body = '<p onclick="steal()">Hi<script>alert(1)</script></p><img src="x" onerror="y()">'
        assert client.post(ADD, form_data(body_html=body)).status_code == 302
        stored = Article.objects.get(slug="a-new-story").body_html
        assert "script" not in stored
        assert "onclick" not in stored
        assert "onerror" not in stored

    def test_the_featured_image_shows_as_a_thumbnail(self, client, editor, media):
        client.force_login(editor)
        data = form_data(featured_image_alt="A chart", featured_image_credit="Image source: us")
        data["featured_image"] = image_bytes_file(size=(1600, 900))
        assert client.post(ADD, data).status_code == 302
        article = Article.objects.get(slug="a-new-story")
        page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
        thumb = article.featured_image.name.removesuffix(".jpg") + "-200w.webp"
        assert f'<img class="image-field__preview" src="/media/{thumb}"' in page


def image_bytes_file(size=(800, 450), name="chart.jpg", data=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data or image_bytes(size=size), content_type="image/jpeg")


class MediaLibraryTests:
    UPLOAD = "/admin/editorial/mediaimage/upload/"
    LIBRARY = "/admin/editorial/mediaimage/library/"

    def test_upload_goes_through_the_image_checks_and_the_picker_lists_it(
        self, client, editor, media
    ):
        client.force_login(editor)
        response = client.post(
            self.UPLOAD, {"file": image_bytes_file(size=(2000, 1000)), "alt": "A miner's rig"}
        )
        assert response.status_code == 201, response.content
        image = response.json()
        stored = MediaImage.objects.get()
        assert image["id"] == stored.pk
        assert image["alt"] == "A miner's rig"
        # The body gets the 1200 px copy, not the 2000 px original; the picker a thumbnail.
        assert image["url"].endswith("-1200w.webp")
        assert (image["width"], image["height"]) == (1200, 600)
        assert image["thumb"].endswith("-200w.webp")
        assert stored.uploaded_by == editor
        assert len(files_under(media)) == 5  # the original and 4 renditions

        listed = client.get(self.LIBRARY).json()["images"]
        assert [i["id"] for i in listed] == [stored.pk]
        assert client.get(self.LIBRARY, {"q": "miner"}).json()["images"] == listed
        assert client.get(self.LIBRARY, {"q": "nothing-like-it"}).json()["images"] == []

    def test_a_bad_file_gets_the_reason_and_leaves_nothing(self, client, editor, media):
        client.force_login(editor)
        response = client.post(
            self.UPLOAD, {"file": image_bytes_file(data=b"<svg onload='x()'></svg>", name="x.svg")}
        )
        assert response.status_code == 400
        assert "SVG files are not accepted" in response.json()["error"]
        assert client.post(self.UPLOAD, {}).json()["error"] == "Choose an image file to upload."
        assert not MediaImage.objects.exists()
        assert files_under(media) == []

    def test_contributors_may_upload_and_strangers_may_not(self, client, media):
        contributor = User.objects.create_user("c", password="x", is_staff=True)
        contributor.groups.add(Group.objects.get(name=roles.CONTRIBUTOR))
        client.force_login(contributor)
        assert client.post(self.UPLOAD, {"file": image_bytes_file()}).status_code == 201
        client.logout()
        response = client.post(self.UPLOAD, {"file": image_bytes_file()})
        assert response.status_code == 302  # to the login page
        assert client.get(self.LIBRARY).status_code == 302
        assert MediaImage.objects.count() == 1

    def test_the_media_library_admin_lists_thumbnails_and_uploads(self, client, editor, media):
        client.force_login(editor)
        response = client.post(
            "/admin/editorial/mediaimage/add/",
            {"image": image_bytes_file(size=(900, 600)), "alt": "Trading floor"},
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        stored = MediaImage.objects.get()
        assert (stored.width, stored.height, stored.alt) == (900, 600, "Trading floor")
        page = client.get("/admin/editorial/mediaimage/").content.decode()
        assert 'class="media-thumb"' in page
        assert stored.renditions[0]["name"] in page
