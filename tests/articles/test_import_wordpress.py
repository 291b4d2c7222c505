import datetime as dt
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from cryptoflexs.articles.importers.wordpress import content, records, wxr
from cryptoflexs.articles.models import Article, ArticleRedirect, Author, Category, Tag
from cryptoflexs.core.models import Page

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "wordpress" / "small-export.xml"
PLACEHOLDER = "http://media.placeholder.invalid"
REAL_EXPORT = Path("/work/shared/data/wordpress/peer-export-300.xml")
IMAGE_PATH = "/wp-content/uploads/2024/01/etf-chart.png"
BROKEN_IMAGE_PATH = "/wp-content/uploads/2024/02/broken.jpg"
UTC = dt.UTC

pytestmark = pytest.mark.django_db


def png_bytes(width=40, height=30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def export_file(tmp_path, httpserver, settings):
    """The fixture export with its image URLs pointing at a loopback server."""
    settings.INGEST_ALLOW_PRIVATE_NETWORKS = True
    httpserver.expect_request(IMAGE_PATH).respond_with_data(png_bytes(), content_type="image/png")
    httpserver.expect_request(BROKEN_IMAGE_PATH).respond_with_data(
        b"<html>not an image</html>", content_type="image/jpeg"
    )
    path = tmp_path / "export.xml"
    host = httpserver.url_for("/").rstrip("/")
    path.write_text(FIXTURE.read_text(encoding="utf-8").replace(PLACEHOLDER, host), "utf-8")
    return path


def run_import(path, *args) -> str:
    out = io.StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out, verbosity=0)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "published": Article.objects.filter(status=Article.Status.PUBLISHED).count(),
        "categories": Category.objects.count(),
        "tags": Tag.objects.count(),
        "authors": Author.objects.count(),
        "pages": Page.objects.count(),
        "redirects": ArticleRedirect.objects.count(),
    }


def image_requests(httpserver, path=IMAGE_PATH) -> int:
    return sum(1 for request, _response in httpserver.log if request.path == path)


class ImportWordPressTests:
    def test_imports_the_fixture_with_the_right_counts(self, export_file):
        output = run_import(export_file)

        assert counts() == {
            "articles": 5,
            "published": 3,
            "categories": 5,
            "tags": 3,
            "authors": 2,
            "pages": 3,
            "redirects": 6,
        }
        assert "posts:      5 created, 0 updated (1 draft, 3 published, 1 scheduled)" in output
        assert "pages:      3 created" in output
        assert "categories: 5 created" in output
        assert "tags:       3 created" in output
        assert "authors:    2 created" in output
        assert "1 downloaded, 1 failed" in output
        assert "skipped:    2" in output
        assert "item 106 “(no title)”: no title and no content" in output
        assert "item 107 “Time Traveller”: bad date '2024-13-45 25:61:00'" in output
        # Menus and global styles are not content: nothing is said about them.
        assert "nav_menu" not in output
        assert "global_styles" not in output

    def test_maps_posts_categories_tags_and_authors(self, export_file):
        run_import(export_file)

        etf = Article.objects.get(slug="spot-bitcoin-etfs-approved")
        assert etf.title == "Spot Bitcoin ETFs Approved & Trading"
        assert etf.status == Article.Status.PUBLISHED
        assert etf.published_at == dt.datetime(2024, 1, 21, 8, 30, tzinfo=UTC)
        assert etf.category.path == "markets/bitcoin"
        assert {t.slug for t in etf.tags.all()} == {"etf", "halving"}
        assert etf.author.name == "Alice Nakamoto"
        assert etf.excerpt == "Eleven funds start trading."
        assert "<script" not in etf.body_html
        assert "<strong>opened</strong>" in etf.body_html
        assert etf.featured_image.name.endswith(".png")
        assert (etf.featured_image_width, etf.featured_image_height) == (40, 30)
        assert etf.featured_image_renditions == []  # 40 px wide: nothing is ever upscaled
        assert etf.featured_image_alt == "Inflows into spot bitcoin ETFs"

        bob = Author.objects.get(slug="bobwriter")
        assert bob.name == "Bob & Co"
        mining = Category.objects.get(slug="mining")
        assert mining.path == "markets/bitcoin/mining"
        assert mining.parent.description == "All about BTC"
        assert Category.objects.get(slug="defi").name == "DeFi & Lending"

    def test_classic_content_gets_paragraphs(self, export_file):
        run_import(export_file)

        halving = Article.objects.get(slug="halving-explained")
        body = halving.body_html
        assert body.startswith(
            "<p>Every four years the block reward halves.<br>\nMiners earn less per block.</p>"
        )
        assert "<p>The next halving is expected in April.</p>" in body
        assert "<figcaption>Block rewards since 2009</figcaption></figure>" in body
        assert "<p><ul>" not in body
        assert "<li>2012: 25 BTC</li>" in body
        assert "[caption" not in body
        assert halving.comments_open is False
        assert halving.author.slug == "bobwriter"
        assert halving.category.path == "markets/bitcoin/mining"

    def test_block_editor_comments_are_removed(self, export_file):
        output = run_import(export_file)

        staking = Article.objects.get(slug="staking-yields-explained")
        assert "wp:" not in staking.body_html
        assert "<p>Staking pays validators for securing the network.</p>" in staking.body_html
        assert "<h2>How yields are set</h2>" in staking.body_html
        # Its featured image is not an image: a warning, and the post is there all the same.
        assert not staking.featured_image
        assert f"{BROKEN_IMAGE_PATH}: This file is not a JPEG, PNG, WebP or GIF image" in output

    def test_drafts_and_scheduled_posts(self, export_file):
        run_import(export_file)

        draft = Article.objects.get(slug="draft-etf-flows-weekly")
        assert draft.status == Article.Status.DRAFT
        assert draft.published_at is None
        assert draft.category.slug == "uncategorized"
        assert draft.body_html == "<p>Notes for next week.</p>"
        scheduled = Article.objects.get(slug="scheduled-market-open")
        assert scheduled.status == Article.Status.SCHEDULED
        assert scheduled.published_at == dt.datetime(2030, 1, 2, 9, 0, tzinfo=UTC)

    def test_pages_avoid_reserved_and_article_slugs(self, export_file):
        output = run_import(export_file)

        assert set(Page.objects.values_list("slug", flat=True)) == {
            "about-us",
            "contact-2",
            "halving-explained-2",
        }
        about = Page.objects.get(slug="about-us")
        assert about.body_html == "<p>We write about coins.</p>\n<p>Since 2017.</p>"
        assert about.footer_order == 1
        assert "slug “contact” is taken or reserved; imported as “contact-2”" in output
        assert "imported as “halving-explained-2”" in output

    def test_reimport_is_idempotent(self, export_file, httpserver):
        run_import(export_file)
        before = counts()
        etf = Article.objects.get(slug="spot-bitcoin-etfs-approved")

        output = run_import(export_file)

        assert counts() == before
        assert "posts:      0 created, 0 updated, 5 unchanged" in output
        assert "pages:      0 created, 0 updated, 3 unchanged" in output
        assert "categories: 0 created, 0 updated, 5 unchanged" in output
        assert "redirects:  0 created, 0 updated, 6 unchanged" in output
        assert "1 already present" in output
        assert image_requests(httpserver) == 1
        etf.refresh_from_db()
        assert Article.objects.get(pk=etf.pk).updated_at == etf.updated_at

    def test_reimport_updates_changed_posts(self, export_file):
        run_import(export_file)
        export_file.write_text(
            export_file.read_text("utf-8").replace(
                "The next halving is expected in April.", "The halving happened in April."
            ),
            "utf-8",
        )

        output = run_import(export_file)

        assert "posts:      0 created, 1 updated, 4 unchanged" in output
        assert "happened in April" in Article.objects.get(slug="halving-explained").body_html
        assert Article.objects.count() == 5

    def test_slug_changed_in_wordpress_keeps_the_old_address(self, export_file, client):
        run_import(export_file)
        etf = Article.objects.get(slug="spot-bitcoin-etfs-approved")
        export_file.write_text(
            export_file.read_text("utf-8").replace(
                "<![CDATA[spot-bitcoin-etfs-approved]]>", "<![CDATA[spot-etfs-approved]]>"
            ),
            "utf-8",
        )

        run_import(export_file)

        etf.refresh_from_db()
        assert etf.slug == "spot-etfs-approved"
        assert Article.objects.count() == 5
        response = client.get("/spot-bitcoin-etfs-approved/")
        assert response.status_code == 301
        assert response["Location"] == "/spot-etfs-approved/"

    def test_reserved_slugs_passwords_and_untitled_posts(self, export_file):
        export_file.write_text(
            export_file.read_text("utf-8")
            .replace("<![CDATA[staking-yields-explained]]>", "<![CDATA[markets]]>")
            .replace("<title><![CDATA[Scheduled Market Open]]></title>", "<title></title>")
            .replace(
                "<wp:post_password><![CDATA[]]></wp:post_password>\n\t\t<wp:is_sticky>",
                "<wp:post_password><![CDATA[hunter2]]></wp:post_password>\n\t\t<wp:is_sticky>",
            ),
            "utf-8",
        )

        output = run_import(export_file)
        again = run_import(export_file)

        assert Article.objects.filter(slug="markets-2").count() == 1
        assert "slug “markets” is taken or reserved; imported as “markets-2”" in output
        assert "posts:      0 created, 0 updated, 5 unchanged" in again
        protected = Article.objects.get(slug="spot-bitcoin-etfs-approved")
        assert protected.status == Article.Status.DRAFT
        assert "password-protected in WordPress: imported as a draft" in output
        assert Article.objects.get(slug="scheduled-market-open").title == "Markets open soon."

    def test_old_wordpress_addresses_redirect(self, export_file, client):
        run_import(export_file)

        for old in ("/?p=101", "/2024/01/21/spot-bitcoin-etfs-approved/"):
            response = client.get(old)
            assert response.status_code == 301, old
            assert response["Location"] == "/spot-bitcoin-etfs-approved/"
        response = client.get("/?p=102")
        assert response.status_code == 301
        assert response["Location"] == "/halving-explained/"
        assert client.get("/spot-bitcoin-etfs-approved/").status_code == 200
        # A draft has no public address to send readers to.
        assert client.get("/?p=104").status_code == 404

    def test_skip_images(self, export_file, httpserver):
        output = run_import(export_file, "--skip-images")

        assert image_requests(httpserver) == 0
        assert not Article.objects.get(slug="spot-bitcoin-etfs-approved").featured_image
        assert "2 not downloaded" in output

    def test_dry_run_leaves_nothing_behind(self, export_file, httpserver):
        output = run_import(export_file, "--dry-run")

        assert "Dry run of" in output
        assert "posts:      5 created" in output
        assert counts() == dict.fromkeys(counts(), 0)
        assert len(httpserver.log) == 0

    def test_broken_xml_imports_nothing(self, tmp_path):
        text = FIXTURE.read_text("utf-8")
        broken = tmp_path / "broken.xml"
        # Cut off in the middle of the halving post: its first items are well-formed.
        broken.write_text(text[: text.index("Miners earn less")], "utf-8")

        with pytest.raises(CommandError, match=r"line \d+, column \d+.*Nothing was imported"):
            run_import(broken)

        assert counts() == dict.fromkeys(counts(), 0)

    def test_a_dtd_is_refused(self, tmp_path):
        hostile = tmp_path / "hostile.xml"
        hostile.write_text(
            '<?xml version="1.0"?>\n'
            '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            "<rss><channel><title>&b;</title></channel></rss>\n",
            "utf-8",
        )

        with pytest.raises(CommandError, match="DTD"):
            run_import(hostile)

    def test_xml_that_is_not_an_export_is_refused(self, tmp_path):
        feed = tmp_path / "feed.xml"
        feed.write_text("<rss><channel><title>A feed</title></channel></rss>", "utf-8")

        with pytest.raises(CommandError, match="Not a WordPress export"):
            run_import(feed)
        with pytest.raises(CommandError, match="Cannot read"):
            run_import(tmp_path / "missing.xml")


class WordPressParsingTests:
    def test_wpautop(self):
        assert content.wpautop("One\ntwo\n\nThree") == "<p>One<br />\ntwo</p>\n<p>Three</p>\n"
        assert content.wpautop("<h2>Title</h2>\nText") == "<h2>Title</h2>\n<p>Text</p>\n"
        assert content.wpautop("<pre>a\n\nb</pre>") == "<pre>a\n\nb</pre>\n"
        assert content.wpautop("  \n ") == ""

    def test_dates(self):
        assert records.post_date("0000-00-00 00:00:00", "2024-02-20 10:00:00") == dt.datetime(
            2024, 2, 20, 10, tzinfo=UTC
        )
        assert records.post_date("", "") is None
        with pytest.raises(ValueError, match="bad date"):
            records.parse_wp_date("yesterday")

    def test_slugs_and_paths(self):
        assert records.make_slug("", fallback="Bitcoin hits $100K!") == "bitcoin-hits-100k"
        assert records.make_slug("caf%c3%a9-crypto") == "cafe-crypto"
        assert records.make_slug("%e6%af%94%e7%89%b9") == "e6af94e789b9"
        assert records.url_path("https://x.org/2024/01/a/") == "/2024/01/a/"
        assert records.url_path("https://x.org/?p=5") == "/?p=5"
        assert records.url_path("https://x.org") == ""
        # As request.get_full_path() spells it, which the redirect middleware compares.
        assert records.url_path("https://x.org/%e6%af%94-coin/?p=%e6") == "/%E6%AF%94-coin/?p=%e6"

    def test_parse_fixture(self):
        export = wxr.parse_wxr(FIXTURE)

        assert export.wxr_version == "1.2"
        assert [c.slug for c in export.categories][:3] == ["markets", "bitcoin", "mining"]
        assert [t.slug for t in export.tags] == ["etf", "halving", "staking"]
        assert {p.wp_id for p in export.posts} == {101, 102, 103, 104, 105}
        assert {p.wp_id for p in export.pages} == {110, 111, 112}
        assert set(export.attachments) == {201, 202}
        assert export.ignored == {"nav_menu_item": 1, "wp_global_styles": 1}
        assert export.posts[0].comment_count == 1


@pytest.mark.skipif(
    not REAL_EXPORT.parent.is_dir(),
    reason=f"{REAL_EXPORT.parent} is absent: no real WordPress export to import",
)
class RealExportTests:
    def test_imports_every_published_post_category_and_tag(self, client):
        ns = {"wp": "http://wordpress.org/export/1.2/"}
        # Counted straight from the XML, independently of the importer's parser.
        root = ET.parse(REAL_EXPORT).getroot()  # noqa: S314 - our own trusted test data
        items = root.findall("channel/item")
        published = [
            item
            for item in items
            if item.findtext("wp:post_type", namespaces=ns) == "post"
            and item.findtext("wp:status", namespaces=ns) == "publish"
        ]
        declared_categories = root.findall("channel/wp:category", ns)
        declared_tags = root.findall("channel/wp:tag", ns)

        output = run_import(REAL_EXPORT, "--skip-images")

        assert Article.objects.filter(status=Article.Status.PUBLISHED).count() == len(published)
        assert Article.objects.published().count() == len(published)
        assert Category.objects.count() == len(declared_categories)
        assert Tag.objects.count() == len(declared_tags)
        assert "skipped" not in output
        first_id = published[0].findtext("wp:post_id", namespaces=ns)
        response = client.get(f"/?p={first_id}")
        assert response.status_code == 301
        assert client.get(response["Location"]).status_code == 200
