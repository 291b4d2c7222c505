"""`load_demo` gives the same site whatever the demo's code looks like inside (issue #14).

The figures below were taken from the demo as it was written in Python before its texts became
data files; every later change to the demo's content must show up here on purpose.
"""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Max

from cryptoflexs.articles.models import Article, Author, Category, Tag
from cryptoflexs.comments.models import Comment
from cryptoflexs.core.models import MenuLink, Page
from cryptoflexs.directory.models import Listing
from cryptoflexs.editorial.models import ArticleRevision
from cryptoflexs.ingest.models import IngestedEntry, Source
from cryptoflexs.submissions.models import Submission

COUNTS = {
    "articles": 150,
    "stories": 148,  # two stories are published twice
    "categories": 11,
    "authors": 4,
    "tags": 46,
    "pages": 5,
    "menu_links": 2,
    "comments": 11,  # 4 of them wait for moderation (#16, item 5)
    "listings": 11,
    # The back office's work (#16, item 5): not part of the 150 above.
    "unpublished": {"draft": 3, "review": 2, "scheduled": 1},
    "revisions": 11,
    "sources": 4,
    "ingested": 14,
    "source_stories": [2, 2, 2, 3],  # the outlets' articles that tell one story together
    "submissions": 3,
}
SOME_ARTICLES = {  # the three newest
    "orbital-money-reopens-after-exploit-as-stolen-funds-are-returned-2": (
        "Orbital Money reopens after exploit as stolen funds are returned."
    ),
    "investors-pour-741-million-into-bitcoin-etfs-as-price-climbs": (
        "Investors pour $741 million into Bitcoin ETFs as price climbs"
    ),
    "pol-jumps-after-bitharbor-announces-listing": "POL jumps after BitHarbor announces listing",
}
# SHA-256 over every row's texts (and every picture's bytes), in a database-independent order.
DIGESTS = {
    "articles": "c0ab34d42788d9b6217fd4697ef1167dc51e8580660f80be956fd91eef7f255b",
    "categories": "95d9c7295687973057b4f631813845c46f857ed85285105845ed1fbff15864ee",
    "authors": "60503ea87a431475fefa5a637711071f21d6c1d068780435166c09ae8013e52b",
    "pages": "0e543d4e584e56bf584db7952cdc135af8c78793f2c51386340faf346148414a",
    "menu_links": "dadd9c25a57115679582984ebc697b18e8000a4c3da89394a417fa6f7cb7b26b",
    "comments": "6d9242a4caa2e20466dc8d5907d3e6e0b3a3626e01b6e1977a752d7189a92195",
    "listings": "c030168a72749982f6c33390308d72c7ae2932cc4ec90d65ca6084e3cd057c62",
    "back_office": "f258679e2eab2ef9fac6cc45426df01e9a85d16c2a905e633ee16f9f08d440c0",
    "revisions": "2aa08e28a9d691fb09ddd8c72551beff046e1b44782da957823da30c4f5dc40f",
    "pictures": "b7ddbddc677d56695d3302e65704b7c43c63bee98addda63344f83cc3f88fa29",
    "avatars": "92d220fe8499266a6facb1783667bf2257a3e43c7b02a99241b548b7da9f0c58",
}


def _digest(rows) -> str:
    # Sorted here, not by the database: PostgreSQL's collation orders text differently.
    hasher = hashlib.sha256()
    for row in sorted(map(tuple, rows), key=repr):
        hasher.update(repr(row).encode())
    return hasher.hexdigest()


def _file_digest(fields) -> str:
    hasher = hashlib.sha256()
    for _, field in sorted(fields, key=lambda pair: pair[0]):
        with field.open("rb") as f:
            hasher.update(f.read())
    return hasher.hexdigest()


@pytest.fixture
def loaded(db):
    call_command("load_demo", "--no-progress", stdout=io.StringIO())


def _observed():
    # The generated articles; the back office's work is counted on its own below.
    generated = Article.objects.filter(status=Article.Status.PUBLISHED, source_name="")
    newest = generated.aggregate(newest=Max("published_at"))["newest"]
    articles = generated.order_by("slug").select_related("category", "author")
    counts = {
        "articles": articles.count(),
        "stories": generated.values("title_key").distinct().count(),
        "categories": Category.objects.count(),
        "authors": Author.objects.count(),
        "tags": Tag.objects.count(),
        "pages": Page.objects.count(),
        "menu_links": MenuLink.objects.count(),
        "comments": Comment.objects.count(),
        "listings": Listing.objects.count(),
        "unpublished": dict(
            Article.objects.exclude(status=Article.Status.PUBLISHED, source_name="")
            .filter(source_name="")
            .values_list("status")
            .annotate(n=Count("pk"))
        ),
        "revisions": ArticleRevision.objects.count(),
        "sources": Source.objects.count(),
        "ingested": IngestedEntry.objects.count(),
        "source_stories": sorted(
            Article.objects.exclude(source_name="")
            .filter(story__isnull=False)
            .values("story")
            .annotate(n=Count("pk"))
            .values_list("n", flat=True)
        ),
        "submissions": Submission.objects.count(),
    }
    article_rows = [
        (
            a.slug, a.title, a.excerpt, a.body_html, a.category.path, a.author.slug,
            sorted(tag.name for tag in a.tags.all()), a.is_top_insight, a.comments_open,
            a.featured_image_alt, a.featured_image_credit,
            (newest - a.published_at).total_seconds(),
        )
        for a in articles.prefetch_related("tags")
    ]  # fmt: skip
    digests = {
        "articles": _digest(article_rows),
        "categories": _digest(
            Category.objects.order_by("path").values_list(
                "path", "name", "description", "menu_order", "show_in_menu"
            )
        ),
        "authors": _digest(Author.objects.order_by("slug").values_list("slug", "name", "bio")),
        "pages": _digest(
            Page.objects.order_by("slug").values_list(
                "slug", "title", "body_html", "show_in_footer", "footer_order"
            )
        ),
        "menu_links": _digest(MenuLink.objects.order_by("label").values_list("label", "url")),
        "comments": _digest(
            Comment.objects.order_by("email", "pk").values_list(
                "article__slug", "parent__email", "name", "email", "body", "status"
            )
        ),
        "listings": _digest(
            Listing.objects.order_by("slug").values_list(
                "slug", "name", "kind", "website", "coins", "description", "status"
            )
        ),
        "back_office": _digest(
            Article.objects.exclude(status=Article.Status.PUBLISHED, source_name="").values_list(
                "title", "status", "source_name", "body_html"
            )
        ),
        "revisions": _digest(
            ArticleRevision.objects.values_list("article__slug", "number", "note", "title")
        ),
        "pictures": _file_digest((a.slug, a.featured_image) for a in articles),
        "avatars": _file_digest((a.slug, a.avatar) for a in Author.objects.all()),
    }
    newest_first = sorted(article_rows, key=lambda row: (row[-1], row[0]))
    some = {row[0]: row[1] for row in newest_first[:3]}
    return counts, digests, some


def test_load_demo_gives_the_same_site(loaded):
    counts, digests, some = _observed()
    assert counts == COUNTS
    assert some == SOME_ARTICLES
    for slug, title in SOME_ARTICLES.items():
        assert Article.objects.get(slug=slug).title == title
    assert digests == DIGESTS
