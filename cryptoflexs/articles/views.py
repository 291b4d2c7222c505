import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import ListView, TemplateView

from cryptoflexs.core.cache import content_version
from cryptoflexs.core.models import Page
from cryptoflexs.core.pagecache import mark_cacheable
from cryptoflexs.core.seo import absolute_url

from . import hooks, selectors
from .models import Article, Author, Category, Tag

HOME_BLOCK_SIZE = 4


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get(self, request, *args, **kwargs):
        # WordPress-style search links (/?s=…) keep working.
        if "p" in request.GET:
            # WordPress short links (/?p=ID) 404 here; the redirect middleware maps them.
            raise Http404("Unknown short link")
        if "s" in request.GET:
            params = request.GET.copy()
            params["q"] = params.pop("s")[-1]
            return redirect(f"{reverse('search:results')}?{params.urlencode()}")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        insights = selectors.top_insights(limit=4)
        # Each story shows once on the page (#16, item 4): Latest News leaves out the Top
        # Insights, each category block what is shown above it. One query a block still.
        shown = list(insights)
        latest = list(_not_shown(selectors.listed_articles(), shown).for_listing()[:10])
        shown += latest
        blocks = []
        categories = list(Category.objects.all())  # one query for every block's subtree
        for category in (c for c in categories if c.parent_id is None and c.show_in_menu):
            subtree = [c.pk for c in categories if c.path == category.path
                       or c.path.startswith(category.path + "/")]  # fmt: skip
            articles = list(
                _not_shown(
                    selectors.listed_articles().filter(category_id__in=subtree), shown
                ).for_listing()[:HOME_BLOCK_SIZE]
            )
            if articles:
                blocks.append((category, articles))
                shown += articles
        context.update(
            top_insights=insights, latest=latest, category_blocks=blocks, home_shown=shown
        )
        return context


def _not_shown(articles, shown: list[Article]):
    """Narrow `articles` to those of stories not in `shown`."""
    if not shown:
        return articles
    articles = articles.exclude(pk__in=[a.pk for a in shown])
    stories = {a.story_id for a in shown if a.story_id}
    return articles.exclude(story__in=stories) if stories else articles


class CachedCountPaginator(Paginator):
    """A paginator whose COUNT is computed once per list and content version, not on every
    page view (a COUNT reads every matching row's index entry; at 100k that is the slowest
    part of a list page). Stale for at most COUNT_CACHE_SECONDS when an article dated in the
    future goes live without any content change."""

    COUNT_CACHE_SECONDS = 300

    def __init__(self, *args, key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.cache_key = f"list-count:{content_version()}:{key}"

    @cached_property
    def count(self):
        count = cache.get(self.cache_key)
        if count is None:
            count = super().count
            cache.set(self.cache_key, count, self.COUNT_CACHE_SECONDS)
        return count


class ArticleListView(ListView):
    """A paginated list of published articles; subclasses narrow the queryset."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    heading = ""
    kicker = ""

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_paginator(self, queryset, per_page, **kwargs):
        return CachedCountPaginator(queryset, per_page, key=self.request.path, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        # get_page() turns a bad or out-of-range ?page= into a real page instead of a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_base_queryset(self):
        return Article.objects.published()

    def get_queryset(self):
        # One card per story when several outlets reported it (aggregation).
        return self.get_base_queryset().one_per_story().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # article_list: the SEO tags (core) give list pages their canonical and prev/next links.
        context.update(heading=self.heading, kicker=self.kicker, article_list=True)
        return context


class CategoryView(ArticleListView):
    template_name = "articles/category_list.html"

    def get_base_queryset(self):
        self.category = get_object_or_404(
            Category.objects.select_related("parent__parent"), path=self.kwargs["path"]
        )
        self.heading = self.category.name
        self.kicker = "Category"
        return Article.objects.published().in_category(self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["subcategories"] = list(self.category.children.all())
        return context


class TagView(ArticleListView):
    def get_base_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        self.heading, self.kicker = self.tag.name, "Tag"
        return Article.objects.published().filter(tags=self.tag)


class AuthorView(ArticleListView):
    template_name = "articles/author_list.html"

    def get_base_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        self.heading, self.kicker = self.author.name, "Author"
        return Article.objects.published().filter(author=self.author)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["author"] = self.author
        return context


class DateArchiveView(ArticleListView):
    def get_base_queryset(self):
        year, month, day = (int(self.kwargs.get(key) or 0) for key in ("year", "month", "day"))
        try:
            start = dt.datetime(year, month or 1, day or 1, tzinfo=timezone.get_current_timezone())
        except ValueError as exc:
            raise Http404("No such date") from exc
        if day:
            end = start + dt.timedelta(days=1)
            self.heading = start.strftime("%B %-d, %Y")
        elif month:
            end = (start + dt.timedelta(days=32)).replace(day=1)
            self.heading = start.strftime("%B %Y")
        else:
            end = start.replace(year=year + 1)
            self.heading = str(year)
        self.kicker = "Archive"
        return Article.objects.published().filter(published_at__gte=start, published_at__lt=end)


def by_slug(request, slug):
    """Serve /<slug>/: an article, or else a static page (one namespace, as in WordPress)."""
    article = (
        Article.objects.select_related("category__parent__parent", "author")
        .prefetch_related("tags")
        .filter(slug=slug)
        .first()
    )
    if article is not None:
        return article_detail(request, article)
    page = get_object_or_404(Page, slug=slug)
    return mark_cacheable(render(request, "core/page_detail.html", {"page": page}))


def article_detail(request, article: Article):
    preview = not article.is_live
    if preview and not request.user.has_perm("articles.change_article"):
        raise Http404("No such article")
    if preview:
        return render_article(request, article, preview=True)
    # Later readers get this page from the page cache, which counts their views through
    # the hook analytics registers (no SQL on a hit); this reader is counted here.
    response = mark_cacheable(
        render_article(request, article, preview=False), article_view=article.pk
    )
    # Counted by the analytics app (a counter increment, never a database write).
    hooks.article_viewed(request=request, article=article)
    return response


def render_article(request, article: Article, *, preview: bool):
    """Render the article page; a preview is marked as such and kept out of search engines."""
    context = {
        "article": article,
        "breadcrumbs": article.category.ancestors()
        if article.category
        else [],  # a draft's preview
        "related": selectors.related_articles(article),
        # Other outlets' copies of the same story (aggregation); no query without a story.
        "also_reported": selectors.story_other_articles(article),
        # SITE_URL, not the request's Host: the page is cached for every reader (#15).
        "share_url": absolute_url(article.get_absolute_url()),
        "preview": preview,
    }
    return render(request, "articles/article_detail.html", context)
