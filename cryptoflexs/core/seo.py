"""Absolute addresses and search-engine metadata (OpenGraph, Twitter cards, JSON-LD).

Everything that leaves the site (feeds, sitemaps, social cards, e-mails, the API) names the
site by settings.SITE_URL, its public address, never by the Host header of a request.
"""

import functools
import json
import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .html import html_text_head

# href/src values in sanitised HTML (nh3 always writes attributes with double quotes).
_URL_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
# Inside <script type="application/ld+json">, "</script" or "<!--" would end or confuse the
# element: escape the characters that can start them (as django.utils.html.json_script does).
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def site_url() -> str:
    return settings.SITE_URL


def absolute_url(path_or_url: str) -> str:
    """Return `path_or_url` as an absolute URL on the site's public address."""
    if not path_or_url:
        return settings.SITE_URL + "/"
    if path_or_url[0] == "/" and path_or_url[1:2] != "/" and "/." not in path_or_url:
        # What urljoin gives for a plain absolute path, without its cost (lists call this
        # dozens of times a page): the site's origin and the path.
        return _origin(settings.SITE_URL) + path_or_url
    return urljoin(settings.SITE_URL + "/", path_or_url)


@functools.lru_cache(maxsize=8)
def _origin(site: str) -> str:
    parts = urlsplit(site + "/")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme else urljoin(site + "/", "/")[:-1]


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).netloc


def site_scheme() -> str:
    return urlsplit(settings.SITE_URL).scheme or "https"


def absolutize_html(html: str, base: str | None = None) -> str:
    """Return `html` with relative href/src URLs made absolute (feed readers have no base)."""
    base = base or settings.SITE_URL + "/"

    def fix(match: re.Match) -> str:
        value = match.group(2)
        if not value or value.startswith("#") or urlsplit(value.replace("&amp;", "&")).scheme:
            return match.group(0)
        return match.group(1) + urljoin(base, value) + match.group(3)

    return _URL_ATTR.sub(fix, html or "")


def publisher_name(site=None) -> str:
    return settings.PUBLISHER_NAME or (site.name if site is not None else "") or "Crypto Flexs"


def publisher_logo_url() -> str:
    logo = settings.PUBLISHER_LOGO
    if urlsplit(logo).scheme:
        return logo
    return absolute_url(static(logo))


def featured_image_url(article) -> str:
    """Return the absolute URL of the article's featured image, or ""."""
    if not article.featured_image:
        return ""
    return absolute_url(article.featured_image.url)


def article_title(article) -> str:
    return article.seo_title or article.title


def article_description(article, words: int = 40) -> str:
    text = article.seo_description or article.excerpt or html_text_head(article.body_html, words)
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def json_ld(data: dict) -> SafeString:
    """Return a <script type="application/ld+json"> element holding `data`, safely escaped.

    The site's CSP (script-src 'self') does not matter here: ld+json is data, never run.
    """
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    payload = payload.translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


def _iso(value) -> str:
    return value.isoformat() if value else ""


def news_article_data(article, site=None) -> dict:
    """Return schema.org NewsArticle properties for `article` (Google's required and
    recommended ones: headline, image, dates, author, publisher with logo)."""
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:110],
        "description": article_description(article),
        "datePublished": _iso(article.published_at),
        "dateModified": _iso(article.updated_at or article.published_at),
        "articleSection": article.category.name if article.category else "",
        "wordCount": article.word_count,
        "publisher": {
            "@type": "Organization",
            "name": publisher_name(site),
            "url": absolute_url("/"),
            "logo": {"@type": "ImageObject", "url": publisher_logo_url()},
        },
    }
    image = featured_image_url(article)
    if image:
        data["image"] = [image]
    if article.author is not None:
        data["author"] = [
            {
                "@type": "Person",
                "name": article.author.name,
                "url": absolute_url(article.author.get_absolute_url()),
            }
        ]
    else:
        data["author"] = [{"@type": "Organization", "name": publisher_name(site)}]
    if article.source_url:
        data["isBasedOn"] = article.source_url
    return data


def breadcrumb_data(crumbs: list[tuple[str, str]]) -> dict:
    """Return a schema.org BreadcrumbList for (name, path-or-URL) pairs, top first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute_url(url)}
            for n, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def feed_links(obj=None) -> list[dict]:
    """Return the autodiscovery feeds for a page: the site's, then `obj`'s own if it has some."""
    links = [
        {"title": "RSS", "type": "application/rss+xml", "href": reverse("feeds:rss")},
        {"title": "Atom", "type": "application/atom+xml", "href": reverse("feeds:atom")},
    ]
    if obj is None:
        return links
    name = type(obj).__name__.lower()
    if name == "category":
        kwargs = {"path": obj.path}
    elif name in ("tag", "author"):
        kwargs = {"slug": obj.slug}
    else:
        return links
    return [
        *links,
        {
            "title": f"{obj.name} RSS",
            "type": "application/rss+xml",
            "href": reverse(f"feeds:{name}_rss", kwargs=kwargs),
        },
        {
            "title": f"{obj.name} Atom",
            "type": "application/atom+xml",
            "href": reverse(f"feeds:{name}_atom", kwargs=kwargs),
        },
    ]
