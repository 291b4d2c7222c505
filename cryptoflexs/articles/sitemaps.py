"""XML sitemaps (django.contrib.sitemaps): an index of articles, categories, tags, authors and
static pages, each split at 50,000 URLs; a Google News sitemap of the last 48 hours; and
robots.txt pointing at both.

Every address is on settings.SITE_URL, the site's public address, whatever Host the request
came with (crawlers reach the site through proxies and load balancers).
"""

import datetime as dt

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.http import require_safe

from cryptoflexs.core.models import Page, SiteSettings
from cryptoflexs.core.pagecache import cache_public_page
from cryptoflexs.core.seo import absolute_url, publisher_name, site_domain, site_scheme

from .models import Article, Author, Category, Tag

# Google News reads only articles of the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = dt.timedelta(hours=48)
NEWS_LIMIT = 1000


class SiteSitemap(Sitemap):
    """A sitemap whose URLs use SITE_URL's scheme and host."""

    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_domain()


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Article.objects.published()
            .one_per_story()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CategorySitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.only("path").order_by("path")


class TagSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        live = Article.objects.published().values("pk")
        return Tag.objects.filter(articles__in=live).distinct().only("slug").order_by("slug")


class AuthorSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        live = Article.objects.published().values("pk")
        return Author.objects.filter(articles__in=live).distinct().only("slug").order_by("slug")


class StaticSitemap(SiteSitemap):
    """The home page and the static pages (About, Contact, Privacy …)."""

    def items(self):
        return ["home", *Page.objects.only("slug", "updated_at").order_by("slug")]

    def location(self, item):
        return reverse("articles:home") if item == "home" else item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "home" else item.updated_at

    def changefreq(self, item):
        return "hourly" if item == "home" else "monthly"


SITEMAPS = {
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "pages": StaticSitemap,
}


@require_safe
def sitemap_index(request):
    """List every page of every section (a section past 50,000 URLs has several pages)."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        pages = sitemap.paginator.num_pages
        if not pages:
            continue
        location = absolute_url(reverse("sitemaps:section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(sitemap_views.SitemapIndexItem(location, lastmod))
        entries += [
            sitemap_views.SitemapIndexItem(f"{location}?p={page}", lastmod)
            for page in range(2, pages + 1)
        ]
    news = absolute_url(reverse("sitemaps:news"))
    entries.append(sitemap_views.SitemapIndexItem(news, None))
    return render(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_safe
def sitemap_section(request, section):
    if section not in SITEMAPS:
        raise Http404("No such sitemap")
    response = sitemap_views.sitemap(request, SITEMAPS, section=section)
    # The same bytes as django.contrib.sitemaps' sitemap.xml template, written directly: the
    # template costs more than everything else for 50,000 URLs (a loop of tags per URL).
    response.content = render_urlset(response.context_data["urlset"])
    return response


def _day(value) -> str:
    # What the template's |date:"Y-m-d" writes: an aware datetime in the current time zone.
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


def render_urlset(urls: list[dict]) -> str:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            parts.append(f"<lastmod>{_day(url['lastmod'])}</lastmod>")
        if url["changefreq"]:
            parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url["priority"]:
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        for alternate in url["alternates"]:
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
                f'href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>")
    parts.append("\n</urlset>\n")
    return "".join(parts)


def news_language() -> str:
    """Return the language code Google News expects: ISO 639 ("en"), or zh-cn/zh-tw."""
    code = settings.LANGUAGE_CODE.lower()
    return code if code in ("zh-cn", "zh-tw") else code.split("-")[0]


@require_safe
def news_sitemap(request):
    """The Google News sitemap: articles published in the last 48 hours, newest first."""
    since = timezone.now() - NEWS_WINDOW
    articles = (
        Article.objects.published()
        .one_per_story()
        .filter(published_at__gte=since)
        .only("slug", "title", "published_at")
        .order_by("-published_at", "-pk")[:NEWS_LIMIT]
    )
    context = {
        "items": [
            {
                "location": absolute_url(article.get_absolute_url()),
                # UTC with "Z": the form every version of Google's news XSD accepts.
                "published": article.published_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "title": article.title,
            }
            for article in articles
        ],
        "publication_name": publisher_name(SiteSettings.load()),
        "language": news_language(),
    }
    response = render(request, "sitemaps/news.xml", context, content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


ROBOTS_DISALLOW = ("/admin/", "/search/", "/preview/")


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in ROBOTS_DISALLOW), ""]
    lines += [
        f"Sitemap: {absolute_url(reverse('sitemaps:index'))}",
        f"Sitemap: {absolute_url(reverse('sitemaps:news'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


app_name = "sitemaps"
urlpatterns = [
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", cache_public_page(sitemap_index), name="index"),
    path("sitemap-news.xml", cache_public_page(news_sitemap), name="news"),
    path("sitemap-<slug:section>.xml", cache_public_page(sitemap_section), name="section"),
]
