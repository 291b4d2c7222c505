import datetime as dt
from urllib.parse import quote

import pytest
from django.conf import settings
from django.utils import timezone

from cryptoflexs.articles.models import Article, ArticleRedirect, Category
from cryptoflexs.core.models import MenuLink, Page, SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    crypto = factories.category("Crypto", show_in_menu=True, menu_order=20)
    ethereum = factories.category("Ethereum", parent=crypto, show_in_menu=True, menu_order=1)
    bitcoin = factories.category("Bitcoin", parent=crypto, show_in_menu=True, menu_order=2)
    trading = factories.category("Trading", show_in_menu=True, menu_order=50)
    MenuLink.objects.create(label="Directory", url="/crypto-directory/", menu_order=10)
    MenuLink.objects.create(label="Submit", url="/submit-news/", menu_order=60)
    return {"crypto": crypto, "ethereum": ethereum, "bitcoin": bitcoin, "trading": trading}


class ArticlePageTests:
    def test_shows_every_element_of_the_reference_page(self, client, tree):
        writer = factories.author("Jane Doe")
        eth_tag = factories.tag("Ethereum")
        article = factories.article(
            "Ether & friends rally: what's next?",
            slug="ether-rally",
            category=tree["ethereum"],
            author=writer,
            tags=[eth_tag],
            body_html="<p>" + " ".join(["word"] * 610) + "</p>",
            featured_image_credit="Image source: Shutterstock",
        )
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        # Breadcrumb Home » Crypto » Ethereum » title, and the category label.
        crumbs = html.split('class="breadcrumb"')[1].split("</nav>")[0]
        assert crumbs.index(">Home<") < crumbs.index(">Crypto<") < crumbs.index(">Ethereum<")
        assert "Ether &amp; friends rally: what&#x27;s next?" in crumbs
        assert 'class="label" href="/category/crypto/ethereum/"' in html
        assert 'href="/author/jane-doe/" rel="author">Jane Doe</a>' in html
        assert "4 Mins Read" in html  # 610 words at 200 words a minute
        assert article.published_at.strftime("%B") in html
        share_url = settings.SITE_URL + "/ether-rally/"  # never the request's Host (#15)
        encoded = quote(share_url, safe="")
        for target in (
            f"https://www.facebook.com/sharer/sharer.php?u={encoded}",
            f"https://www.linkedin.com/sharing/share-offsite/?url={encoded}",
            "https://twitter.com/intent/tweet?text=Ether%20%26%20friends%20rally%3A%20what%27s%20next%3F",
        ):
            assert target.replace("&", "&amp;") in html
        for label in ("Facebook", "X (Twitter)", "Pinterest", "LinkedIn", "Tumblr", "Email"):
            assert f">{label}<" in html
        assert "mailto:?subject=Ether%20%26%20friends" in html
        assert 'rel="tag">Ethereum</a>' in html
        assert f'<link rel="canonical" href="{share_url}">' in html

    def test_one_minute_read_is_singular(self, client):
        article = factories.article(body_html="<p>short text</p>")
        assert "1 Min Read" in client.get(article.get_absolute_url()).content.decode()

    def test_featured_image_with_credit(self, client, tmp_path):
        import io

        from django.core.files.base import ContentFile
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (640, 360), "orange").save(buffer, "JPEG")
        article = factories.article(
            featured_image_alt="A chart", featured_image_credit="Image source: Shutterstock"
        )
        article.featured_image.save("chart.jpg", ContentFile(buffer.getvalue()), save=True)
        html = client.get(article.get_absolute_url()).content.decode()
        assert 'width="640" height="360" alt="A chart"' in html
        assert '<figcaption class="article__credit">Image source: Shutterstock</figcaption>' in html

    def test_draft_and_future_articles_are_not_public(self, client, admin_client):
        draft = factories.article(status=Article.Status.DRAFT, published_at=None)
        future = factories.article(published_at=timezone.now() + dt.timedelta(days=1))
        for article in (draft, future):
            assert client.get(article.get_absolute_url()).status_code == 404
            preview = admin_client.get(article.get_absolute_url())
            assert preview.status_code == 200
            assert b"Preview: this article is not public" in preview.content
            assert b'<meta name="robots" content="noindex">' in preview.content

    def test_body_html_is_sanitised_before_it_is_stored(self, client):
        article = factories.article(
            body_html='<p onclick="x()">Hi<script>alert(1)</script>'
            '<a href="javascript:alert(1)">bad</a><iframe src="https://e.com"></iframe></p>'
        )
        article.refresh_from_db()
        assert "script" not in article.body_html
        assert "onclick" not in article.body_html
        assert "javascript:" not in article.body_html
        assert "iframe" not in article.body_html
        assert "<p>Hi" in client.get(article.get_absolute_url()).content.decode()

    def test_related_posts_prefer_shared_tags_and_never_repeat(self, client, tree):
        shared = factories.tag("Staking")
        article = factories.article(category=tree["ethereum"], tags=[shared], slug="main")
        twin = factories.article(article.title.upper() + "!", category=tree["ethereum"])
        by_tag = factories.article("Tagged elsewhere", category=tree["trading"], tags=[shared])
        same_cat = factories.article("Same category", category=tree["ethereum"])
        unrelated = factories.article("Unrelated", category=tree["bitcoin"])
        response = client.get(article.get_absolute_url())
        related = response.context["related"]
        assert related[0] == by_tag
        assert same_cat in related
        assert article not in related
        assert twin not in related
        assert unrelated in related  # filler: three posts even when few are related
        assert len(related) == 3


class ListPageTests:
    def test_home_shows_insights_latest_and_category_blocks(self, client, tree):
        pick = factories.article("Editor pick", category=tree["bitcoin"], is_top_insight=True)
        news = [
            factories.article(f"News {i}", category=tree["trading" if i % 2 else "bitcoin"])
            for i in range(16)
        ]
        response = client.get("/")
        assert response.status_code == 200
        assert response.context["top_insights"] == [pick]
        latest = response.context["latest"]
        assert latest == news[:10]  # the factory dates each article before the last
        blocks = dict(response.context["category_blocks"])
        # Each block takes what is not shown above it (#16, item 4); subcategory articles
        # count for the parent.
        assert blocks[tree["crypto"]] == [news[10], news[12], news[14]]
        assert blocks[tree["trading"]] == [news[11], news[13], news[15]]

    def test_menu_merges_category_tree_and_links_in_order(self, client, tree):
        html = client.get("/").content.decode()
        nav = html.split('aria-label="Main"')[1].split("</nav>")[0]
        order = ["Directory", "Crypto", "Ethereum", "Bitcoin", "Trading", "Submit"]
        positions = [nav.index(f">{label}</a>") for label in order]
        assert positions == sorted(positions)
        assert 'aria-expanded="false"' in nav

    def test_category_page_includes_subcategories(self, client, tree):
        eth = factories.article("Eth story", category=tree["ethereum"])
        btc = factories.article("Btc story", category=tree["bitcoin"])
        other = factories.article("Trading story", category=tree["trading"])
        response = client.get("/category/crypto/")
        assert response.status_code == 200
        listed = list(response.context["articles"])
        assert eth in listed
        assert btc in listed
        assert other not in listed
        only_eth = list(client.get("/category/crypto/ethereum/").context["articles"])
        assert only_eth == [eth]

    def test_tag_author_and_date_archives(self, client):
        writer = factories.author("Ann Author")
        tagged = factories.tag("Layer 2")
        when = dt.datetime(2025, 3, 14, 12, tzinfo=dt.UTC)
        article = factories.article(author=writer, tags=[tagged], published_at=when)
        factories.article(published_at=dt.datetime(2024, 3, 14, 12, tzinfo=dt.UTC))
        for url in ("/tag/layer-2/", "/author/ann-author/", "/2025/", "/2025/03/", "/2025/03/14/"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert list(response.context["articles"]) == [article], url
        assert client.get("/2025/02/30/").status_code == 404
        assert client.get("/tag/nope/").status_code == 404

    def test_pagination_tolerates_bad_page_numbers(self, client, settings):
        settings.ARTICLES_PER_PAGE = 2
        category = factories.category("Solo")
        for _ in range(5):
            factories.article(category=category)
        url = category.get_absolute_url()
        assert client.get(url + "?page=2").context["page_obj"].number == 2
        assert client.get(url + "?page=99").context["page_obj"].number == 3
        assert client.get(url + "?page=abc").context["page_obj"].number == 1
        html = client.get(url + "?page=2").content.decode()
        assert 'rel="prev" href="?page=1"' in html
        assert 'rel="next" href="?page=3"' in html


class SidebarTests:
    def test_recent_posts_show_each_story_once(self, client):
        first = factories.article("ZenO launches public beta for physical AI")
        factories.article("ZenO launches public beta for physical AI.")
        factories.article("“ZenO” Launches Public Beta — for Physical AI")
        other = factories.article("BlackRock ETF options see record activity")
        recent = client.get("/").context["latest"]
        titles = [a.title_key for a in recent]
        assert len(titles) == len(set(titles))
        sidebar = (
            client.get(other.get_absolute_url()).content.decode().split('id="widget-recent"')[1]
        )
        sidebar = sidebar.split("</section>")[0]
        assert sidebar.count("ZenO") == 1
        assert first.title_key == "zeno launches public beta for physical ai"

    def test_top_insights_lists_editor_picks_only(self, client):
        pick = factories.article("An editor pick", is_top_insight=True)
        other = factories.article("Not a pick")
        # The home page shows its Top Insights in the main column, other pages in the sidebar.
        html = client.get(other.get_absolute_url()).content.decode()
        insights = html.split('id="widget-insights"')[1].split("</section>")[0]
        assert pick.title in insights
        assert "Not a pick" not in insights


class FooterAndPagesTests:
    def test_footer_shows_settings_pages_and_current_year(self, client):
        SiteSettings.objects.update_or_create(
            pk=1,
            defaults={
                "name": "Chain Daily",
                "about": "We cover chains.",
                "contact_email": "news@chain.test",
            },
        )
        for order, title in enumerate(["About Us", "Contact Us", "Disclaimer"], 1):
            Page.objects.create(
                title=title, slug=title.lower().replace(" ", "-"), footer_order=order
            )
        html = client.get("/").content.decode()
        footer = html.split('class="site-footer"')[1]
        assert "We cover chains." in footer
        assert 'href="mailto:news@chain.test"' in footer
        links = footer.split('class="site-footer__nav"')[1]
        assert links.index("About Us") < links.index("Contact Us") < links.index("Disclaimer")
        assert f"© {timezone.now().year} Chain Daily" in footer
        assert "<title>Chain Daily" in html

    def test_static_page_renders_sanitised_body(self, client):
        page = Page.objects.create(
            title="Privacy Policy",
            slug="privacy-policy",
            body_html="<p>No cookies.</p><script>x</script>",
        )
        response = client.get(page.get_absolute_url())
        assert response.status_code == 200
        assert b"<p>No cookies.</p>" in response.content
        assert b"<script>x</script>" not in response.content

    def test_friendly_404(self, client):
        response = client.get("/no-such-story/")
        assert response.status_code == 404
        assert b"This page could not be found" in response.content
        assert b'name="q"' in response.content


class RedirectTests:
    def test_old_addresses_redirect_permanently(self, client):
        article = factories.article(slug="new-slug")
        ArticleRedirect.objects.create(old_path="/old-slug/", article=article)
        ArticleRedirect.objects.create(old_path="/?p=42", article=article)
        for old in ("/old-slug/", "/?p=42"):
            response = client.get(old)
            assert response.status_code == 301, old
            assert response["Location"] == "/new-slug/"
        assert client.get("/?p=43").status_code == 404

    def test_redirect_to_an_unpublished_article_is_a_404(self, client):
        article = factories.article(status=Article.Status.DRAFT, published_at=None)
        ArticleRedirect.objects.create(old_path="/gone/", article=article)
        assert client.get("/gone/").status_code == 404

    def test_wordpress_search_links_keep_working(self, client):
        response = client.get("/?s=bitcoin+etf")
        assert response.status_code == 302
        assert response["Location"] == "/search/?q=bitcoin+etf"


class HealthTests:
    def test_health_reports_ok(self, client):
        response = client.get("/health/")
        assert response.status_code == 200
        assert response.json()["status"] == "ok"


def test_wordpress_short_link_with_tracking_parameters_redirects(client):
    article = factories.article(slug="tracked")
    ArticleRedirect.objects.create(old_path="/?p=7", article=article)
    response = client.get("/?p=7&utm_source=newsletter")
    assert response.status_code == 301
    assert response["Location"] == "/tracked/"


def test_articles_and_pages_cannot_share_an_address():
    from django.core.exceptions import ValidationError

    page = Page.objects.create(title="About Us", slug="about-us")
    article = factories.article(slug="unique-one")
    article.slug = "about-us"
    with pytest.raises(ValidationError, match="static page"):
        article.full_clean()
    page.slug = "unique-one"
    with pytest.raises(ValidationError, match="article already"):
        page.full_clean()


def test_a_subcategory_cannot_be_called_feed():
    from django.core.exceptions import ValidationError

    parent = factories.category("Markets")
    child = Category(name="Feed", slug="feed", parent=parent)
    with pytest.raises(ValidationError, match="parent's pages"):
        child.full_clean()
