"""`manage.py import_articles`: JSON Lines in, articles out, run through call_command."""

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from cryptoflexs.articles.importers.lines import LineError, parse_line
from cryptoflexs.articles.models import Article, Author, Category, Tag
from tests import factories

GEN_CORPUS = Path("/work/shared/peers/gen_corpus.py")
UTC = dt.UTC

pytestmark = pytest.mark.django_db


def line(**fields) -> dict:
    n = fields.pop("n", 1)
    return {
        "title": f"Bitcoin story {n}",
        "slug": f"bitcoin-story-{n}",
        "body_html": f"<p>Body of story {n} has seven words.</p>",
        "category": "Crypto/Bitcoin",
        "tags": ["Bitcoin ETF", "Halving"],
        "published_at": f"2024-03-0{n}T10:00:00+00:00",
        "author": "Jane Doe",
        **fields,
    }


def write_jsonl(path: Path, rows) -> Path:
    path.write_text(
        "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows),
        encoding="utf-8",
    )
    return path


def run(path: Path, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path: Path, *args) -> tuple[str, str, CommandError]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_articles", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), caught.value


def png_bytes(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, "PNG")
    return buffer.getvalue()


class ParseLineTests:
    def test_valid_line(self):
        parsed = parse_line(json.dumps(line(published_at="2024-03-01T10:00:00Z", excerpt="")), 7)
        assert parsed.number == 7
        assert parsed.category == ("Crypto", "Bitcoin")
        assert parsed.tags == ("Bitcoin ETF", "Halving")
        assert parsed.published_at == dt.datetime(2024, 3, 1, 10, tzinfo=UTC)
        assert (parsed.excerpt, parsed.image_url, parsed.image_credit) == ("", None, None)

    @pytest.mark.parametrize(
        ("fields", "reason"),
        [
            ({"tags": "Bitcoin"}, "field 'tags' must be a list of names"),
            ({"title": 42}, "field 'title' must be a string"),
            ({"author": "   "}, "empty field 'author'"),
            ({"category": " / "}, "empty field 'category'"),
            ({"slug": "x" * 201}, "slug is longer than 200 characters"),
            ({"image_credit": "c" * 201}, "image_credit is longer than 200 characters"),
        ],
    )
    def test_invalid_lines(self, fields, reason):
        with pytest.raises(LineError) as caught:
            parse_line(json.dumps(line(**fields)), 1)
        assert str(caught.value) == reason

    def test_not_an_object(self):
        with pytest.raises(LineError, match="not an object"):
            parse_line("[1, 2]", 1)


class ImportTests:
    def test_good_file_imports_everything(self, tmp_path):
        path = write_jsonl(
            tmp_path / "a.jsonl",
            [
                line(
                    n=1,
                    title="Bitcoin\x0b hits a record",
                    body_html='<p>Safe text</p><script>alert(1)</script><img src="x.png" '
                    'onerror="alert(2)">',
                    excerpt="Short summary.",
                ),
                line(n=2, category="Crypto / DeFi / Lending", published_at="2024-03-02T12:00:00"),
                line(n=3, category="Markets", tags=["halving", "Stablecoins"], author="Bob Roe",
                     published_at="2024-03-03T12:00:00+02:00"),
            ],
        )  # fmt: skip
        out, err = run(path)

        assert "3 created, 0 updated, 0 unchanged, 0 bad lines skipped" in out
        assert sorted(Category.objects.values_list("path", flat=True)) == [
            "crypto", "crypto/bitcoin", "crypto/defi", "crypto/defi/lending", "markets",
        ]  # fmt: skip
        assert sorted(Tag.objects.values_list("slug", flat=True)) == [
            "bitcoin-etf", "halving", "stablecoins",
        ]  # fmt: skip
        assert sorted(Author.objects.values_list("slug", flat=True)) == ["bob-roe", "jane-doe"]

        first = Article.objects.get(slug="bitcoin-story-1")
        assert first.title == "Bitcoin hits a record"
        assert first.excerpt == "Short summary."
        assert first.status == Article.Status.PUBLISHED
        assert first.category.path == "crypto/bitcoin"
        assert first.author.name == "Jane Doe"
        assert sorted(t.name for t in first.tags.all()) == ["Bitcoin ETF", "Halving"]
        assert "<script" not in first.body_html
        assert "alert" not in first.body_html
        assert "onerror" not in first.body_html
        assert "Safe text" in first.body_html
        assert first.published_at == dt.datetime(2024, 3, 1, 10, tzinfo=UTC)

        naive = Article.objects.get(slug="bitcoin-story-2")
        assert naive.published_at == dt.datetime(2024, 3, 2, 12, tzinfo=UTC)
        assert naive.published_at.utcoffset() == dt.timedelta(0)
        offset = Article.objects.get(slug="bitcoin-story-3")
        assert offset.published_at == dt.datetime(2024, 3, 3, 10, tzinfo=UTC)
        assert sorted(t.slug for t in offset.tags.all()) == ["halving", "stablecoins"]

    def test_bulk_created_rows_match_what_save_stores(self, tmp_path):
        run(write_jsonl(tmp_path / "a.jsonl", [line(title="  “Ether” — up 5%! ")]))
        article = Article.objects.get()
        stored = (article.title, article.title_key, article.word_count, article.body_html)
        article.save()
        article.refresh_from_db()
        assert (article.title, article.title_key, article.word_count, article.body_html) == stored
        assert stored[1:3] == ("ether up 5", 7)

    def test_rerun_is_idempotent_and_updates_changes(self, tmp_path):
        rows = [line(n=n) for n in (1, 2, 3)]
        path = write_jsonl(tmp_path / "a.jsonl", rows)
        run(path)
        out, _ = run(path)
        assert "0 created, 0 updated, 3 unchanged" in out
        assert (Article.objects.count(), Tag.objects.count(), Category.objects.count()) == (3, 2, 2)

        rows[1] = line(n=2, title="Edited title", tags=["Halving", "Mining"])
        out, _ = run(write_jsonl(path, rows))
        assert "0 created, 1 updated, 2 unchanged" in out
        edited = Article.objects.get(slug="bitcoin-story-2")
        assert (edited.title, edited.title_key) == ("Edited title", "edited title")
        assert sorted(t.name for t in edited.tags.all()) == ["Halving", "Mining"]
        assert Article.objects.count() == 3

    def test_repeated_slug_in_one_file_updates_the_first(self, tmp_path):
        path = write_jsonl(tmp_path / "a.jsonl", [line(), line(title="Second version")])
        out, _ = run(path)
        assert "1 created, 1 updated" in out
        assert Article.objects.get().title == "Second version"

    def test_bad_lines_reported_and_good_lines_imported(self, tmp_path):
        missing_title = line(n=3)
        del missing_title["title"]
        path = write_jsonl(
            tmp_path / "a.jsonl",
            [
                line(n=1),
                '{"title": "broken",',
                missing_title,
                line(n=4, published_at="next Tuesday"),
                line(n=5, slug="admin"),
                line(n=6, title="x" * 301),
                line(n=7, slug="not a slug"),
                line(n=8, slug="2024"),
                "",
                line(n=9),
            ],
        )
        out, err, error = run_failing(path)

        assert "line 2: invalid JSON" in err
        assert "line 3: missing field 'title'" in err
        assert "line 4: bad date 'next Tuesday'" in err
        assert "line 5: slug 'admin': “admin” is used by the site itself" in err
        assert "line 6: title is longer than 300 characters" in err
        assert "line 7: invalid slug 'not a slug'" in err
        assert "line 8: slug '2024': “2024” is the address of a year archive" in err
        assert "line 9" not in err
        assert "2 created, 0 updated, 0 unchanged, 7 bad lines skipped" in out
        assert "7 bad line(s) skipped" in str(error)
        assert sorted(Article.objects.values_list("slug", flat=True)) == [
            "bitcoin-story-1", "bitcoin-story-9",
        ]  # fmt: skip

    def test_bare_category_name_finds_the_existing_category(self, tmp_path):
        crypto = factories.category("Crypto")
        bitcoin = factories.category("Bitcoin", parent=crypto)
        run(write_jsonl(tmp_path / "a.jsonl", [line(category="bitcoin")]))
        assert Article.objects.get().category == bitcoin
        assert Category.objects.count() == 2

    def test_ambiguous_bare_category_is_a_bad_line(self, tmp_path):
        factories.category("News")
        factories.category("News", parent=factories.category("Crypto"), slug="news")
        _, err, _ = run_failing(write_jsonl(tmp_path / "a.jsonl", [line(category="News")]))
        assert "line 1: category 'News' is ambiguous (crypto/news, news)" in err

    def test_category_parent_for_bare_names(self, tmp_path):
        path = write_jsonl(tmp_path / "a.jsonl", [line(category="Adoption News")])
        run(path, "--category-parent", "Crypto")
        assert Article.objects.get().category.path == "crypto/adoption-news"

    def test_dry_run_stores_nothing(self, tmp_path):
        out, _ = run(write_jsonl(tmp_path / "a.jsonl", [line(n=1), line(n=2)]), "--dry-run")
        assert "Dry run, nothing stored: 2 created" in out
        assert not Article.objects.exists()
        assert not Category.objects.exists()


class ImageTests:
    def test_image_url_downloaded_and_saved(self, tmp_path, httpserver, settings):
        settings.INGEST_ALLOW_PRIVATE_NETWORKS = True
        httpserver.expect_request("/photo.png").respond_with_data(
            png_bytes(), content_type="image/png"
        )
        row = line(image_url=httpserver.url_for("/photo.png"), image_credit="Image: Example")
        _, err = run(write_jsonl(tmp_path / "a.jsonl", [row]))

        assert "warning" not in err
        article = Article.objects.get()
        assert (article.featured_image_width, article.featured_image_height) == (64, 48)
        assert article.featured_image.name.startswith("articles/")
        assert article.featured_image.name.endswith(".png")
        with Image.open(article.featured_image.path) as stored:
            assert stored.size == (64, 48)
        assert article.featured_image_alt == article.title
        assert article.featured_image_credit == "Image: Example"

        _, err = run(write_jsonl(tmp_path / "a.jsonl", [row]))
        assert len(httpserver.log) == 1  # an article that has its image keeps it

    def test_not_an_image_is_a_warning(self, tmp_path, httpserver, settings):
        settings.INGEST_ALLOW_PRIVATE_NETWORKS = True
        httpserver.expect_request("/fake.jpg").respond_with_data(
            "<html>", content_type="image/jpeg"
        )
        row = line(image_url=httpserver.url_for("/fake.jpg"))
        out, err = run(write_jsonl(tmp_path / "a.jsonl", [row]))

        assert (
            "line 1: warning: image not imported: This file is not a JPEG, PNG, WebP or GIF image"
            in err
        )
        assert "1 created" in out
        assert "1 warnings" in out
        assert not Article.objects.get().featured_image

    def test_private_address_refused_unless_allowed(self, tmp_path, httpserver, settings):
        settings.INGEST_ALLOW_PRIVATE_NETWORKS = False
        httpserver.expect_request("/photo.png").respond_with_data(png_bytes())
        row = line(image_url=httpserver.url_for("/photo.png"))
        _, err = run(write_jsonl(tmp_path / "a.jsonl", [row]))
        assert "line 1: warning: image not imported:" in err
        assert "non-public address" in err
        assert httpserver.log == []
        assert Article.objects.count() == 1

    def test_local_file_relative_to_the_jsonl_file(self, tmp_path):
        (tmp_path / "img").mkdir()
        (tmp_path / "img" / "cover.png").write_bytes(png_bytes((30, 20)))
        (tmp_path / "notes.txt").write_text("not an image")
        rows = [line(n=1, image_url="img/cover.png"), line(n=2, image_url="notes.txt"),
                line(n=3, image_url="missing.png")]  # fmt: skip
        _, err = run(write_jsonl(tmp_path / "a.jsonl", rows))

        assert Article.objects.get(slug="bitcoin-story-1").featured_image_width == 30
        assert (
            "line 2: warning: image not imported: This file is not a JPEG, PNG, WebP or GIF image"
            in err
        )
        assert "line 3: warning: image not imported: no such file" in err
        assert Article.objects.count() == 3


class CorpusTests:
    def test_gen_corpus_file_imports_fully(self, tmp_path):
        if not GEN_CORPUS.exists():
            pytest.skip(f"{GEN_CORPUS} is absent (the peer benchmark fixtures are not here)")
        corpus = tmp_path / "corpus.jsonl"
        subprocess.run(
            [sys.executable, GEN_CORPUS, "--n", "200", "--seed", "42", "--out", corpus],
            check=True,
            capture_output=True,
        )
        out, err = run(corpus, "--category-parent", "Crypto", "--batch-size", "64")

        assert "200 created, 0 updated, 0 unchanged, 0 bad lines skipped, 0 warnings" in out
        assert "200/200" in err  # the progress bar reached the end
        assert Article.objects.count() == 200
        assert Category.objects.get(parent=None).slug == "crypto"
        assert set(Category.objects.exclude(parent=None).values_list("path", flat=True)) == {
            "crypto/bitcoin", "crypto/ethereum", "crypto/altcoin", "crypto/blockchain",
            "crypto/exchange", "crypto/trading", "crypto/adoption-news", "crypto/regulation",
        }  # fmt: skip
        assert Article.tags.through.objects.count() == sum(
            len(json.loads(text)["tags"]) for text in corpus.read_text().splitlines()
        )
        assert not Article.objects.filter(word_count__lt=400).exists()


def test_imported_images_get_renditions_like_uploads(tmp_path, settings):
    from PIL import Image as PILImage

    settings.MEDIA_ROOT = str(tmp_path / "media")
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "teal").save(buffer, "JPEG")
    (tmp_path / "big.jpg").write_bytes(buffer.getvalue())
    run(write_jsonl(tmp_path / "a.jsonl", [line(n=1, image_url="big.jpg")]))
    article = Article.objects.get(slug="bitcoin-story-1")
    widths = [r["width"] for r in article.featured_image_renditions]
    assert widths == [200, 400, 800, 1200]
    storage = article.featured_image.storage
    assert all(storage.exists(r["name"]) for r in article.featured_image_renditions)
