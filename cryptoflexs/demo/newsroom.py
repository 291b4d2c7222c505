"""The back office's work in progress: drafts, articles in review with their revisions, a
scheduled article, comments and submissions waiting for moderation, and a week of views.

Everything goes through the services the back office itself uses (article_create and
article_update, revision_create, article_transition, comment_create, submission_create, the
view counter and its flush), written as the demo's newsroom accounts: one per demo author,
which cannot log in (no usable password). Texts are `data/newsroom.jsonl`. Rows that exist
are left alone on a second run (an editor may have moved them on), so it changes nothing.
"""

import datetime as dt
import html
from collections import Counter

from django.contrib.auth import get_user_model

from cryptoflexs.analytics import counters
from cryptoflexs.analytics import services as analytics
from cryptoflexs.analytics.models import ArticleViewDay
from cryptoflexs.articles import services as articles
from cryptoflexs.articles.models import Article, Author, Category
from cryptoflexs.articles.slugs import slug_base
from cryptoflexs.comments.models import Comment
from cryptoflexs.comments.services import comment_create
from cryptoflexs.editorial import roles
from cryptoflexs.editorial.services import article_transition, revision_create
from cryptoflexs.submissions.models import Submission
from cryptoflexs.submissions.services import submission_create

from . import data, images
from .facts import SEED, seeded

IMAGE_CREDIT = "Image: Crypto Flexs illustration"
S = Article.Status
VIEW_DAYS = 7  # Most Popular ranks the last 7 days
VIEWED_ARTICLES = 40  # the newest ones; older articles are rarely read


def newsroom_users() -> dict[str, object]:
    """Return the back-office account of each demo author (created once, linked to the
    Author): the news desk is an Editor, the others Authors. None can log in."""
    user_model = get_user_model()
    users = {}
    for index, spec in enumerate(data.authors()):
        author = Author.objects.get(slug=spec.slug)
        username = f"demo-{spec.slug}"[:150]
        user = author.user or user_model.objects.filter(username=username).first()
        if user is None:
            first, _, last = spec.name.partition(" ")
            user = user_model(username=username, first_name=first, last_name=last, is_staff=True)
            user.set_unusable_password()
            user.save()
            user.groups.add(roles.role_group(roles.EDITOR if index == 0 else roles.AUTHOR))
        if author.user_id != user.pk:
            author.user = user
            author.save(update_fields=["user"])
        users[spec.slug] = user
    return users


def _body(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


def load_articles(*, now: dt.datetime) -> int:
    """Write the newsroom's unpublished articles, one revision per version; return how many
    were new. An article whose slug exists is left as it is."""
    users = newsroom_users()
    authors = [spec.slug for spec in data.authors()]
    created = 0
    for spec in data.newsroom("article"):
        first = spec["versions"][0]
        if Article.objects.filter(slug=slug_base(first["title"])).exists():
            continue
        author_slug = authors[spec["author"] or 0]
        user = users[author_slug]
        fields = {
            "author": Author.objects.get(slug=author_slug),
            "category": Category.objects.get(path=spec["category"]),
            "status": S.DRAFT,
        }
        article = None
        for version in spec["versions"]:
            values = {
                "title": version["title"],
                "excerpt": version["excerpt"],
                "body_html": _body(version["paragraphs"]),
            }
            if article is None:
                article = articles.article_create(**fields, **values)
                _set_image(article, spec.get("image"))
            else:
                articles.article_update(article=article, **values)
            revision_create(article=article, by=user, note=version["note"])
        if spec["status"] == S.IN_REVIEW:
            article_transition(article=article, to=S.IN_REVIEW, by=user, at=now)
        elif spec["status"] == S.SCHEDULED:
            # Minutes cut off, as an editor picks a time.
            when = now + dt.timedelta(hours=spec["publish_in_hours"])
            articles.article_update(article=article, published_at=when.replace(minute=0))
            article_transition(article=article, to=S.SCHEDULED, by=users[authors[0]], at=now)
        created += 1
    return created


def _set_image(article: Article, spec: dict | None) -> None:
    if not spec:
        return
    picture = images.render_article_image(
        images.ImageSpec(
            spec["motif"],
            article.category.path,
            spec["symbol"],
            spec["coin"],
            article.category.name,
            f"{SEED}:{article.slug}",
        )
    )
    articles.article_set_featured_image(
        article=article,
        uploaded_file_or_bytes=picture,
        filename=f"{article.slug}.jpg",
        alt=spec["alt"],
        credit=IMAGE_CREDIT,
    )


def load_pending_comments(article_slugs: list[str]) -> int:
    """Post the readers' comments that wait for moderation; return how many were new."""
    created = 0
    for spec in data.newsroom("comment"):
        article = Article.objects.get(slug=article_slugs[spec["article"]])
        if Comment.objects.filter(article=article, email=spec["email"]).exists():
            continue
        comment_create(article=article, name=spec["name"], email=spec["email"], body=spec["body"])
        created += 1
    return created


def load_submissions() -> int:
    """Send the tips and press releases that wait in the queue; return how many were new."""
    created = 0
    for spec in data.newsroom("submission"):
        values = {k: v for k, v in spec.items() if k != "type"}
        if Submission.objects.filter(contact_email=values["contact_email"]).exists():
            continue
        submission_create(data=values)
        created += 1
    return created


def load_views(article_slugs: list[str], *, today: dt.date) -> int:
    """Count a plausible week of reads of the newest articles (through the view counter and
    its flush, as page views are); return how many views were added. A day an article
    already has views for is left as it is, so a second run the same day adds nothing."""
    rows = Article.objects.filter(slug__in=article_slugs[:VIEWED_ARTICLES]).values_list(
        "pk", "slug", "published_at", "is_top_insight"
    )
    known = set(
        ArticleViewDay.objects.filter(
            article__slug__in=article_slugs, day__gt=today - dt.timedelta(days=VIEW_DAYS)
        ).values_list("article_id", "day")
    )
    counts: Counter = Counter()
    for pk, slug, published_at, top in rows:
        rng = seeded(f"{SEED}:views:{slug}")
        appeal = rng.lognormvariate(0, 0.8) * (2.5 if top else 1.0)
        first_day = published_at.date()
        for back in range(VIEW_DAYS):
            day = today - dt.timedelta(days=back)
            if day < first_day or (pk, day) in known:
                continue
            age = (day - first_day).days
            # Most reads come on the first two days; weekends are quieter.
            views = 420 * appeal / (1 + age) ** 1.3 * (0.7 if day.weekday() >= 5 else 1.0)
            views = round(views * seeded(f"{SEED}:views:{slug}:{age}").uniform(0.8, 1.2))
            if views:
                counts[(pk, day)] = views
    if not counts or not counters.store_counts(counts):
        return 0
    return analytics.views_flush().views
