"""Featured images: the service, the Article admin form, and the responsive_image tag."""

import errno
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction
from django.template import Context, Template, TemplateSyntaxError
from PIL import ExifTags, Image

from cryptoflexs.articles.models import Article
from cryptoflexs.articles.services import article_set_featured_image
from cryptoflexs.core.storage import SafeFileSystemStorage
from tests import factories
from tests.core.test_images import files_under, image_bytes, phone_mpo, phone_photo, png_bomb

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
ADD_URL = "/admin/articles/article/add/"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """An empty MEDIA_ROOT served by SafeFileSystemStorage, as in production."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    settings.MEDIA_URL = "/media/"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "cryptoflexs.core.storage.SafeFileSystemStorage"},
    }
    return root


def stored(article: Article) -> list[str]:
    """The image files an article points to: the original and its renditions."""
    return [article.featured_image.name, *(r["name"] for r in article.featured_image_renditions)]


# --- article_set_featured_image ------------------------------------------------------------


class ArticleSetFeaturedImageTests:
    def test_stores_the_original_and_its_renditions(self, media):
        article = factories.article()
        article_set_featured_image(
            article=article,
            uploaded_file_or_bytes=image_bytes(size=(1600, 900)),
            filename="Bitcoin chart.jpg",
            alt="A rising chart",
            credit="Image source: Shutterstock",
        )
        article.refresh_from_db()
        assert isinstance(article.featured_image.storage._wrapped, SafeFileSystemStorage)
        name = article.featured_image.name
        assert name.startswith("articles/")
        assert name.endswith("/Bitcoin_chart.jpg")
        assert (article.featured_image_width, article.featured_image_height) == (1600, 900)
        assert article.featured_image_alt == "A rising chart"
        assert article.featured_image_credit == "Image source: Shutterstock"
        stem = name.removesuffix(".jpg")
        assert article.featured_image_renditions == [
            {"width": 200, "height": 112, "name": f"{stem}-200w.webp"},
            {"width": 400, "height": 225, "name": f"{stem}-400w.webp"},
            {"width": 800, "height": 450, "name": f"{stem}-800w.webp"},
            {"width": 1200, "height": 675, "name": f"{stem}-1200w.webp"},
        ]
        assert files_under(media) == sorted(stored(article))

    def test_the_extension_comes_from_the_content(self, media):
        article = factories.article()
        article_set_featured_image(
            article=article, uploaded_file_or_bytes=image_bytes("PNG"), filename="evil.html"
        )
        assert article.featured_image.name.endswith("/evil.png")
        article_set_featured_image(
            article=article, uploaded_file_or_bytes=image_bytes("WEBP"), filename=".jpg"
        )
        assert article.featured_image.name.endswith("/jpg.webp")  # never a hidden file
        article_set_featured_image(
            article=article, uploaded_file_or_bytes=image_bytes("GIF"), filename=""
        )
        assert article.featured_image.name.endswith("/image.gif")

    def test_accepts_an_uploaded_file_and_a_new_article(self, media):
        article = Article(title="Fresh", slug="fresh", category=factories.category())
        upload = SimpleUploadedFile("fresh.gif", image_bytes("GIF", size=(500, 250)))
        article_set_featured_image(
            article=article, uploaded_file_or_bytes=upload, filename=upload.name
        )
        article = Article.objects.get(slug="fresh")
        assert article.featured_image.name.endswith("/fresh.gif")
        assert [r["width"] for r in article.featured_image_renditions] == [200, 400]

    def test_refuses_a_bad_image_and_writes_nothing(self, media):
        article = factories.article()
        with pytest.raises(ValidationError) as exc:
            article_set_featured_image(
                article=article, uploaded_file_or_bytes=b"not an image", filename="x.jpg"
            )
        assert exc.value.messages == ["This file is not a JPEG, PNG, WebP or GIF image."]
        with pytest.raises(ValidationError) as exc:
            article_set_featured_image(
                article=article, uploaded_file_or_bytes=png_bomb(), filename="bomb.png"
            )
        assert exc.value.code == "too_many_pixels"
        with pytest.raises(ValidationError) as exc:
            article_set_featured_image(
                article=article,
                uploaded_file_or_bytes=image_bytes(),
                filename="x.jpg",
                alt="x" * 301,
            )
        assert "featured_image_alt" in exc.value.message_dict
        assert files_under(media) == []
        article.refresh_from_db()
        assert not article.featured_image

    def test_a_failing_write_midway_removes_every_file_written(self, media, monkeypatch):
        """The disk fills up on the third file (the 800 px rendition): the original and the
        400 px rendition are removed, the article keeps its image."""
        article = factories.article()
        article_set_featured_image(
            article=article, uploaded_file_or_bytes=image_bytes(), filename="old.jpg"
        )
        before = files_under(media)
        real_write_temporary, calls = SafeFileSystemStorage._write_temporary, []

        def disk_full_on_third_file(self, directory, content):
            calls.append(directory)
            if len(calls) == 3:
                # As the OS fails a write: after real bytes are down in the temporary file.
                def failing_chunks(chunk_size=None):
                    yield b"x" * 1000
                    raise OSError(errno.ENOSPC, "No space left on device")

                content.chunks = failing_chunks
            return real_write_temporary(self, directory, content)

        monkeypatch.setattr(SafeFileSystemStorage, "_write_temporary", disk_full_on_third_file)
        with pytest.raises(OSError, match="No space left"):
            article_set_featured_image(
                article=article, uploaded_file_or_bytes=image_bytes(), filename="new.jpg"
            )
        assert len(calls) == 3
        assert files_under(media) == before
        article.refresh_from_db()
        assert article.featured_image.name.endswith("/old.jpg")

    def test_a_failing_database_write_removes_the_files(self, media, monkeypatch):
        article = factories.article()

        def database_down(*args, **kwargs):
            raise DatabaseError("database is locked")

        monkeypatch.setattr(Article, "save", database_down)
        with pytest.raises(DatabaseError):
            article_set_featured_image(
                article=article, uploaded_file_or_bytes=image_bytes(), filename="x.jpg"
            )
        assert files_under(media) == []

    def test_the_previous_image_goes_after_commit(self, media, django_capture_on_commit_callbacks):
        article = factories.article()
        with django_capture_on_commit_callbacks(execute=True):
            article_set_featured_image(
                article=article, uploaded_file_or_bytes=image_bytes(), filename="first.jpg"
            )
        first = stored(article)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            article_set_featured_image(
                article=article, uploaded_file_or_bytes=image_bytes("PNG"), filename="second.png"
            )
        second = stored(article)
        # Not yet committed: both sets are on disk.
        assert files_under(media) == sorted(first + second)
        for callback in callbacks:
            callback()
        assert files_under(media) == sorted(second)

    def test_a_rolled_back_replacement_keeps_the_previous_image(
        self, media, django_capture_on_commit_callbacks
    ):
        article = factories.article()
        article_set_featured_image(
            article=article, uploaded_file_or_bytes=image_bytes(), filename="first.jpg"
        )
        first = stored(article)

        def replace_then_fail():
            with transaction.atomic():
                article_set_featured_image(
                    article=article, uploaded_file_or_bytes=image_bytes(), filename="second.jpg"
                )
                raise RuntimeError("the caller's transaction fails")

        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            replace_then_fail()
        assert set(first) <= set(files_under(media))
        assert Article.objects.get(pk=article.pk).featured_image.name == first[0]

    def test_a_phone_photo_in_multi_picture_format(self, media):
        article = factories.article()
        article_set_featured_image(
            article=article,
            uploaded_file_or_bytes=phone_mpo(gps=True, size=(900, 600)),
            filename="IMG_0002.JPG",
        )
        assert article.featured_image.name.endswith("/IMG_0002.jpg")
        assert [r["width"] for r in article.featured_image_renditions] == [200, 400, 800]
        with Image.open(media / article.featured_image.name) as img:
            assert img.format == "JPEG"
            assert not img.getexif().get_ifd(ExifTags.IFD.GPSInfo)

    def test_the_published_original_carries_no_location(self, media):
        article = factories.article()
        article_set_featured_image(
            article=article,
            uploaded_file_or_bytes=phone_photo(orientation=6, gps=True, size=(900, 600)),
            filename="IMG_0001.JPG",
        )
        # Upright, so the stored size is the displayed one.
        assert (article.featured_image_width, article.featured_image_height) == (600, 900)
        for name in stored(article):
            with Image.open(media / name) as img:
                assert not img.getexif().get_ifd(ExifTags.IFD.GPSInfo)
                assert img.getexif().get(ExifTags.Base.Orientation, 1) == 1


# --- the Article admin ---------------------------------------------------------------------


def admin_form_data(client, url=ADD_URL, **values) -> dict:
    """Read the admin form from a GET and return POST data with its current values, so
    fields and inlines added later do not break these tests."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        bound = form[name]
        value = bound.value()
        if name == "featured_image" or value in (None, False, "", []):
            continue
        widget = bound.field.widget
        if isinstance(widget, forms.MultiWidget):  # the split date and time of published_at
            parts = zip(widget.widgets_names, widget.widgets, widget.decompress(value), strict=True)
            for suffix, subwidget, part in parts:
                data[bound.html_name + suffix] = subwidget.format_value(part)
        else:
            data[bound.html_name] = "on" if value is True else value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        data[management.add_prefix("TOTAL_FORMS")] = management["INITIAL_FORMS"].value()
    data.update(values)
    return data


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class ArticleAdminImageTests:
    @pytest.fixture
    def category(self):
        return factories.category("Markets")

    def post_new(self, admin_client, category, image, **values):
        data = admin_form_data(
            admin_client,
            title="Bitcoin breaks out",
            slug="bitcoin-breaks-out",
            status=Article.Status.DRAFT,
            category=category.pk,
            featured_image_alt="A chart",
            featured_image_credit="Image source: us",
            featured_image=image,
            **values,
        )
        return admin_client.post(ADD_URL, data)

    def image_errors(self, response) -> list[str]:
        assert response.status_code == 200, "the form was accepted"
        return response.context["adminform"].form.errors.get("featured_image", [])

    def test_a_valid_jpeg_is_stored_with_renditions(self, admin_client, media, category):
        response = self.post_new(
            admin_client, category, upload("chart.jpg", image_bytes(size=(1600, 900)))
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        article = Article.objects.get(slug="bitcoin-breaks-out")
        assert article.featured_image.name.endswith("/chart.jpg")
        assert (article.featured_image_width, article.featured_image_height) == (1600, 900)
        assert [r["width"] for r in article.featured_image_renditions] == [200, 400, 800, 1200]
        assert files_under(media) == sorted(stored(article))
        for name in stored(article):
            assert (media / name).stat().st_size > 0

    def test_a_large_upload_spooled_to_a_temporary_file(
        self, admin_client, media, category, settings
    ):
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload arrives as a temporary file
        response = self.post_new(admin_client, category, upload("big.png", image_bytes("PNG")))
        assert response.status_code == 302
        article = Article.objects.get(slug="bitcoin-breaks-out")
        assert files_under(media) == sorted(stored(article))

    def test_a_long_file_name_is_shortened_not_refused(self, admin_client, media, category):
        response = self.post_new(admin_client, category, upload("a" * 150 + ".jpg", image_bytes()))
        assert response.status_code == 302, response.context["adminform"].form.errors
        name = Article.objects.get(slug="bitcoin-breaks-out").featured_image.name
        assert name.endswith("/" + "a" * 50 + ".jpg")

    def test_refuses_an_oversize_file(self, admin_client, media, category, settings):
        settings.IMAGE_MAX_UPLOAD_BYTES = 50_000
        data = image_bytes(size=(1600, 900), quality=100)
        assert len(data) > 50_000
        response = self.post_new(admin_client, category, upload("huge.jpg", data))
        mb = -(-len(data) * 10 // (1024 * 1024)) / 10
        assert self.image_errors(response) == [f"The image is {mb:g} MB; the limit is 0 MB."]
        assert not Article.objects.exists()
        assert files_under(media) == []

    def test_refuses_a_text_file_named_jpg(self, admin_client, media, category):
        response = self.post_new(
            admin_client, category, upload("photo.jpg", b"<html>hello</html>\n" * 20)
        )
        assert self.image_errors(response) == ["This file is not a JPEG, PNG, WebP or GIF image."]
        assert not Article.objects.exists()
        assert files_under(media) == []

    def test_refuses_a_pixel_bomb(self, admin_client, media, category):
        response = self.post_new(
            admin_client, category, upload("bomb.png", png_bomb(), content_type="image/png")
        )
        (error,) = self.image_errors(response)
        assert error.startswith("The image has more than 179 megapixels; the limit is 40")
        assert not Article.objects.exists()
        assert files_under(media) == []

    def test_refuses_svg(self, admin_client, media, category):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        response = self.post_new(admin_client, category, upload("logo.svg", svg, "image/svg+xml"))
        (error,) = self.image_errors(response)
        assert error.startswith("SVG files are not accepted")

    def test_the_file_input_accepts_only_web_images(self, admin_client):
        html = admin_client.get(ADD_URL).content.decode()
        assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in html

    def test_replacing_deletes_the_old_files_after_commit(
        self, admin_client, media, category, django_capture_on_commit_callbacks
    ):
        article = factories.article(category=category)
        article_set_featured_image(
            article=article, uploaded_file_or_bytes=image_bytes(), filename="old.jpg"
        )
        old = stored(article)
        url = f"/admin/articles/article/{article.pk}/change/"
        data = admin_form_data(admin_client, url, featured_image=upload("new.jpg", image_bytes()))
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        article.refresh_from_db()
        assert article.featured_image.name.endswith("/new.jpg")
        assert files_under(media) == sorted(stored(article))
        assert not set(old) & set(files_under(media))

    def test_editing_other_fields_keeps_the_image_without_reading_it(
        self, admin_client, media, category
    ):
        article = factories.article(category=category)
        article_set_featured_image(
            article=article, uploaded_file_or_bytes=image_bytes(), filename="photo.jpg"
        )
        before = stored(article)
        (media / article.featured_image.name).unlink()  # lost on disk: editing must still work
        url = f"/admin/articles/article/{article.pk}/change/"
        response = admin_client.post(url, admin_form_data(admin_client, url, title="New title"))
        assert response.status_code == 302
        # A fresh instance: refresh_from_db() would itself re-read the file for its size.
        article = Article.objects.get(pk=article.pk)
        assert article.title == "New title"
        assert stored(article) == before
        assert (article.featured_image_width, article.featured_image_height) == (1600, 900)

    def test_replacing_a_missing_image_works(self, admin_client, media, category):
        article = factories.article(category=category)
        article_set_featured_image(
            article=article, uploaded_file_or_bytes=image_bytes(), filename="photo.jpg"
        )
        shutil.rmtree(media / "articles")
        url = f"/admin/articles/article/{article.pk}/change/"
        data = admin_form_data(admin_client, url, featured_image=upload("new.jpg", image_bytes()))
        assert admin_client.post(url, data).status_code == 302
        article.refresh_from_db()
        assert article.featured_image.name.endswith("/new.jpg")

    def test_clearing_removes_the_image_and_its_renditions(
        self, admin_client, media, category, django_capture_on_commit_callbacks
    ):
        article = factories.article(category=category)
        article_set_featured_image(
            article=article, uploaded_file_or_bytes=image_bytes(), filename="photo.jpg"
        )
        url = f"/admin/articles/article/{article.pk}/change/"
        data = admin_form_data(admin_client, url, **{"featured_image-clear": "on"})
        with django_capture_on_commit_callbacks(execute=True):
            assert admin_client.post(url, data).status_code == 302
        article.refresh_from_db()
        assert not article.featured_image
        assert article.featured_image_renditions == []
        assert article.featured_image_width is None
        assert files_under(media) == []


# --- {% responsive_image %} ----------------------------------------------------------------


def render(template: str, **context) -> str:
    return Template("{% load images %}" + template).render(Context(context)).strip()


class ResponsiveImageTagTests:
    @pytest.fixture
    def article(self, media):
        article = factories.article()
        article_set_featured_image(
            article=article,
            uploaded_file_or_bytes=image_bytes(size=(1600, 900)),
            filename="chart.jpg",
            alt='The "halving" chart',
        )
        return article

    def test_renders_srcset_sizes_width_and_height(self, article):
        html = render(
            '{% responsive_image article sizes="(min-width: 960px) 720px, 100vw" '
            'class="article__image" loading="eager" fetchpriority="high" %}',
            article=article,
        )
        url = "/media/" + article.featured_image.name
        stem = url.removesuffix(".jpg")
        assert html == (
            f'<img src="{url}" srcset="{stem}-200w.webp 200w, {stem}-400w.webp 400w, '
            f"{stem}-800w.webp 800w, "
            f'{stem}-1200w.webp 1200w, {url} 1600w" sizes="(min-width: 960px) 720px, 100vw" '
            'width="1600" height="900" alt="The &quot;halving&quot; chart" '
            'class="article__image" loading="eager" fetchpriority="high">'
        )

    def test_defaults_lazy_loading_and_full_width_sizes(self, article):
        html = render('{% responsive_image article alt="" %}', article=article)
        assert ' sizes="100vw"' in html
        assert ' alt="" loading="lazy">' in html

    def test_without_renditions_it_is_a_plain_img(self, media):
        article = factories.article()
        article_set_featured_image(
            article=article, uploaded_file_or_bytes=image_bytes(size=(180, 120)), filename="s.png"
        )
        assert article.featured_image_renditions == []
        html = render("{% responsive_image article %}", article=article)
        assert html == (
            f'<img src="/media/{article.featured_image.name}" width="180" height="120" '
            'alt="" loading="lazy">'
        )

    def test_renders_nothing_without_an_image(self):
        assert render("{% responsive_image article %}", article=factories.article()) == ""

    def test_refuses_a_bad_attribute_name(self, article):
        with pytest.raises(TemplateSyntaxError):
            render('{% responsive_image article data_id="x" %}', article=article)

    def test_output_passes_the_nu_html_checker(self, article, media, tmp_path):
        if not VNU_JAR.is_file() or shutil.which("java") is None:
            pytest.fail("the W3C Nu checker is missing: run make test (npm ci) with Java installed")
        plain = factories.article()
        article_set_featured_image(
            article=plain, uploaded_file_or_bytes=image_bytes(size=(300, 200)), filename="p.png"
        )
        body = render(
            '{% responsive_image article sizes="(min-width: 960px) 720px, 100vw" class="a b" %}'
            '{% responsive_image article alt="" loading="eager" fetchpriority="high" %}'
            "{% responsive_image plain %}{% responsive_image none %}",
            article=article,
            plain=plain,
            none=factories.article(),
        )
        page = tmp_path / "page.html"
        page.write_text(
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
            f"</head><body>{body}</body></html>"
        )
        result = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--errors-only", "--no-langdetect", "--format", "json",
             "--stdout", str(page)],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        messages = json.loads(result.stdout)["messages"]
        assert messages == [], body
