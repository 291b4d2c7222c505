"""`manage.py load_demo`: what it creates, that it is repeatable, and that the site shows it."""

import datetime as dt
import functools
import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, F
from django.utils import timezone
from django.utils.html import escape
from PIL import Image

from cryptoflexs.articles import selectors
from cryptoflexs.articles.models import Article, Author, Category, Story, Tag
from cryptoflexs.comments.models import Comment
from cryptoflexs.core.html import sanitize_html
from cryptoflexs.core.models import MenuLink, Page, SiteSettings
from cryptoflexs.demo import content, data, facts, writing
from cryptoflexs.demo.loader import demo_load
from cryptoflexs.directory.models import Listing
from cryptoflexs.ingest.models import Source
from cryptoflexs.submissions.models import Submission

FOOTER_PAGES = ["About Us", "Contact Us", "Disclaimer", "Privacy Policy", "Terms and Conditions"]


def _delete_everything():
    # The demo's community and back-office rows too: a module-scoped load must leave
    # nothing behind (sources first: they protect their default categories).
    Source.objects.all().delete()
    Submission.objects.all().delete()
    get_user_model().objects.filter(username__startswith="demo-").delete()
    Listing.objects.all().delete()
    Comment.objects.all().delete()
    Article.objects.all().delete()
    Story.objects.all().delete()  # the demo's republished stories
    Tag.objects.all().delete()
    Author.objects.all().delete()
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()
    Page.objects.all().delete()
    MenuLink.objects.all().delete()
    SiteSettings.objects.all().delete()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the whole module (drawing 150 pictures takes a few seconds).

    Each test still runs in its own rolled-back transaction, so tests that load again or
    delete see the module's data restored afterwards.
    """
    with django_db_blocker.unblock():
        summary = demo_load(progress=False)
        yield summary
        _delete_everything()


@pytest.fixture
def loaded(demo, db):
    return demo


def demo_articles():
    """Return the demo's 150 generated articles (not the back office's drafts, the
    scheduled article or the sources' entries: see test_back_office.py)."""
    return Article.objects.filter(slug__in=_demo_slugs())


@functools.cache
def _demo_slugs() -> tuple[str, ...]:
    return tuple(item.slug for item in content.generate_articles())


def _snapshot():
    rows = demo_articles().order_by("slug").values_list("slug", "title", "excerpt", "body_html")
    return list(rows)


# --- What the demo contains ------------------------------------------------------------------


def test_summary_counts(loaded):
    assert str(loaded) == "Loaded 150 articles, 11 categories, 5 pages, 4 authors"
    assert demo_articles().count() == 150
    assert Category.objects.count() == 11
    assert Page.objects.count() == 5
    assert Author.objects.count() == 4


def test_menu_has_the_reference_categories_and_links(loaded):
    menu = selectors.site_menu()
    assert [item.label for item in menu] == [
        "Directory",
        "Crypto",
        "Blockchain",
        "Exchange",
        "Trading",
        "Submit",
        "Topics",
    ]
    # The categories with articles that no menu entry shows are reachable under Topics.
    assert [child.label for child in menu[-1].children] == [
        "Adoption News",
        "DeFi",
        "NFT",
        "Regulation",
    ]
    crypto = menu[1]
    assert [child.label for child in crypto.children] == ["Ethereum", "Bitcoin", "Altcoin"]
    assert crypto.url == "/category/crypto/"
    assert crypto.children[1].url == "/category/crypto/bitcoin/"
    assert menu[0].url == "/directory/"
    assert menu[-2].url == "/submit/"
    children = Category.objects.filter(parent__slug="crypto").order_by("menu_order")
    assert [(c.slug, c.menu_order) for c in children] == [
        ("ethereum", 1),
        ("bitcoin", 2),
        ("altcoin", 3),
    ]


def test_categories_outside_the_menu(loaded):
    hidden = Category.objects.filter(show_in_menu=False).order_by("slug")
    assert [(c.name, c.path) for c in hidden] == [
        ("Adoption News", "adoption-news"),
        ("DeFi", "defi"),
        ("NFT", "nft"),
        ("Regulation", "regulation"),
    ]
    assert all(c.description.endswith(".") for c in Category.objects.all())


def test_site_settings(loaded):
    site = SiteSettings.load()
    assert site.name == "Crypto Flexs"
    assert site.contact_email == "partner@cryptoflexs.com"
    assert site.copyright_holder == "Crypto Flexs"
    assert site.tagline
    assert site.about.startswith("Crypto Flexs is a professional cryptocurrency news platform")


def test_footer_pages_and_menu_pages(loaded):
    footer = Page.objects.filter(show_in_footer=True).order_by("footer_order")
    assert [page.title for page in footer] == FOOTER_PAGES
    assert [page.footer_order for page in footer] == [1, 2, 3, 4, 5]
    assert not Page.objects.filter(show_in_footer=False).exists()
    assert "partner@cryptoflexs.com" in Page.objects.get(slug="contact-us").body_html
    privacy = Page.objects.get(slug="privacy-policy").body_html
    assert "tracking cookies" in privacy
    for page in Page.objects.all():
        assert page.body_html.count("<p>") >= 3, page.slug
        assert "lorem" not in page.body_html.lower()


def test_every_category_has_published_articles(loaded):
    counts = dict(
        Category.objects.annotate(n=Count("articles")).values_list("path", "n"),
    )
    assert len(counts) == 11
    assert min(counts.values()) >= 5, counts
    assert demo_articles().published().count() == 150


def test_articles_span_two_years_and_the_newest_is_fresh(loaded):
    now = timezone.now()
    newest = demo_articles().latest("published_at").published_at
    oldest = demo_articles().earliest("published_at").published_at
    assert now - dt.timedelta(days=1) < newest <= now
    assert dt.timedelta(days=700) < now - oldest < dt.timedelta(days=740)
    # Written when published: no "Updated today" on two-year-old stories.
    assert not demo_articles().exclude(updated_at=F("published_at")).exists()


def test_every_article_has_a_picture_with_dimensions(loaded):
    for article in demo_articles().all():
        assert article.featured_image.storage.exists(article.featured_image.name), article.slug
        assert (article.featured_image_width, article.featured_image_height) == (1200, 675)
        assert article.featured_image_alt.startswith("Illustration: ")
        assert article.featured_image_credit == "Image: Crypto Flexs illustration"
    article = demo_articles().first()
    with article.featured_image.open("rb") as f:
        picture = Image.open(io.BytesIO(f.read()))
    assert picture.format == "JPEG"
    assert picture.size == (1200, 675)


def test_authors_have_bios_and_avatars(loaded):
    for author in Author.objects.all():
        assert author.bio
        with author.avatar.open("rb") as f:
            avatar = Image.open(io.BytesIO(f.read()))
        assert avatar.size == (192, 192)
    assert Author.objects.filter(name="Crypto Flexs").exists()
    assert not Author.objects.filter(articles=None).exists()


def test_tags(loaded):
    per_article = demo_articles().annotate(n=Count("tags")).values_list("n", flat=True)
    assert min(per_article) >= 2
    assert max(per_article) <= 5
    names = set(Tag.objects.values_list("name", flat=True))
    assert {"Bitcoin", "Ethereum", "ETF", "Stablecoins", "Layer 2", "Regulation", "DeFi"} <= names


def test_top_insights(loaded):
    assert demo_articles().filter(is_top_insight=True).count() == 12
    newest_30 = demo_articles().order_by("-published_at")[:30]
    assert sum(article.is_top_insight for article in newest_30) >= 4


def test_duplicate_stories_share_a_title_key_and_are_listed_once(loaded):
    newest_10 = list(demo_articles().order_by("-published_at")[:10])
    repeated = [key for key, n in Counter(a.title_key for a in newest_10).items() if n > 1]
    assert len(repeated) == 2
    for key in repeated:
        first, second = [a for a in newest_10 if a.title_key == key]
        assert first.title != second.title
        assert first.slug != second.slug
        assert abs(first.published_at - second.published_at) <= dt.timedelta(hours=6)
        # One story, shown through its first telling.
        assert first.story_id
        assert first.story_id == second.story_id
        earlier, later = sorted((first, second), key=lambda a: a.published_at)
        assert earlier.story_lead
        assert not later.story_lead
    assert demo_articles().values("title_key").distinct().count() == 148
    recent = selectors.recent_articles(10)
    assert len({a.title_key for a in recent}) == len(recent) == 10


def test_one_recent_article_has_comments_closed(loaded):
    closed = demo_articles().filter(comments_open=False)
    assert closed.count() == 1
    newest_20 = demo_articles().order_by("-published_at")[:20]
    assert closed.get() in list(newest_20)


def test_bodies_are_clean_and_reading_times_vary(loaded):
    minutes = set()
    for article in demo_articles().all():
        body = article.body_html
        assert "<script" not in body
        assert sanitize_html(body) == body
        assert 5 <= body.count("<p>") <= 16, article.slug
        assert 1 <= body.count("<h2>") <= 2, article.slug
        assert 350 <= article.word_count <= 900, (article.slug, article.word_count)
        assert article.excerpt.endswith((".", "?")), article.slug
        minutes.add(article.reading_minutes)
    assert len(minutes) >= 3, minutes
    bodies = demo_articles().values_list("body_html", flat=True)
    assert any("<blockquote>" in body for body in bodies)
    assert any("<ul>" in body for body in bodies)


# --- Repeatable --------------------------------------------------------------------------------


def test_second_run_creates_nothing(loaded):
    counts = {
        model: model.objects.count()
        for model in (Article, Category, Tag, Author, Page, MenuLink, SiteSettings)
    }
    images = set(demo_articles().values_list("featured_image", flat=True))
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    output = out.getvalue()
    assert (
        "Loaded 150 articles, 11 categories, 5 pages, 4 authors (0 new rows, 0 pictures" in output
    )
    assert "Demo articles: 100%" in output  # the progress bar
    assert counts == {model: model.objects.count() for model in counts}
    assert images == set(demo_articles().values_list("featured_image", flat=True))


def test_a_fresh_load_gives_the_same_articles_and_pictures(loaded):
    before = _snapshot()
    slug = before[0][0]
    with demo_articles().get(slug=slug).featured_image.open("rb") as f:
        picture = f.read()
    _delete_everything()
    summary = demo_load(progress=False)
    assert summary.images_drawn == 154
    assert _snapshot() == before
    with demo_articles().get(slug=slug).featured_image.open("rb") as f:
        assert f.read() == picture


def test_generator_is_pure():
    first, second = content.generate_articles(), content.generate_articles()
    assert first == second
    assert content.generate_articles(seed=1) != first


def test_every_template_fills():
    """Every sentence template only uses facts the generator provides."""
    rng = facts.seeded(0)
    for days_ago in (3, 40, 200):
        values = facts.story_facts(
            rng, facts.coin_by_ticker()["ETH"], days_ago, data.categories()[0]
        )
        for pool in data.pools().values():
            for templates in pool.values():
                for template in templates:
                    assert "{" not in writing.fill(template, values, rng), template


# --- Shown on the site -----------------------------------------------------------------------


def test_home_page_shows_the_demo(loaded, client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    newest = Article.objects.published().one_per_story().order_by("-published_at").first()
    assert escape(newest.title) in page
    assert "Top Insights" in page
    assert "partner@cryptoflexs.com" in page
    for title in FOOTER_PAGES:
        assert title in page


def test_article_and_page_render(loaded, client):
    article = demo_articles().filter(body_html__contains="<blockquote>").first()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(article.title) in page
    assert article.featured_image.url in page
    assert f"{article.reading_minutes} Min" in page
    assert "Updated" not in page
    response = client.get("/about-us/")
    assert response.status_code == 200
    assert "About Us" in response.content.decode()
    assert client.get("/category/crypto/bitcoin/").status_code == 200


def test_no_two_headlines_look_alike_in_a_category(loaded):
    """A category's list never shows two headlines opening alike, and no opening comes
    back more than twice in the whole demo (#16, item 4). A story published twice (one
    Story, listed once) counts once."""
    listed = demo_articles().published().one_per_story().select_related("category")
    stems = Counter()
    by_category = Counter()
    for article in listed:
        stem = content.headline_stem(article.title)
        stems[stem] += 1
        by_category[(article.category.path, stem)] += 1
    assert len(stems) > 100
    assert max(by_category.values()) == 1, by_category.most_common(3)
    assert max(stems.values()) <= content.STEM_REPEATS, stems.most_common(3)
    # The stem ignores figures: these two would look alike in a list.
    assert content.headline_stem(
        "Bitcoin miners face thinner margins as difficulty rises 1.8%"
    ) == (content.headline_stem("Bitcoin miners face thinner margins as fees fall 2.4%"))
