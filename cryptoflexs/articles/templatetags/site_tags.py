from urllib.parse import quote

from django import template
from django.utils.safestring import mark_safe

from cryptoflexs.articles import selectors
from cryptoflexs.core.seo import featured_image_url

register = template.Library()

RECENT_POSTS = 6
TOP_INSIGHTS = 3


@register.simple_tag
def article_body(article):
    """Return the article's body: sanitised once when stored (Article.save), a sponsored
    article's links already carrying rel="sponsored"."""
    return mark_safe(article.body_html)  # noqa: S308 - sanitised when stored


@register.inclusion_tag("components/menu.html")
def site_menu():
    return {"items": selectors.site_menu()}


@register.simple_tag
def recent_articles(limit=RECENT_POSTS):
    return selectors.recent_articles(limit)


@register.simple_tag
def top_insights(limit=TOP_INSIGHTS):
    return selectors.top_insights(limit)


def share_targets(title: str, url: str, image_url: str = "") -> list[dict]:
    """Return plain share links (no third-party scripts), every parameter URL-encoded."""
    t, u = quote(title, safe=""), quote(url, safe="")
    pinterest = f"https://pinterest.com/pin/create/button/?url={u}&description={t}"
    if image_url:
        pinterest += f"&media={quote(image_url, safe='')}"
    return [
        {"key": "facebook", "label": "Facebook", "url": f"https://www.facebook.com/sharer/sharer.php?u={u}"},
        {"key": "twitter", "label": "X (Twitter)", "url": f"https://twitter.com/intent/tweet?text={t}&url={u}"},
        {"key": "pinterest", "label": "Pinterest", "url": pinterest},
        {"key": "linkedin", "label": "LinkedIn", "url": f"https://www.linkedin.com/sharing/share-offsite/?url={u}"},
        {"key": "tumblr", "label": "Tumblr", "url": f"https://www.tumblr.com/widgets/share/tool?canonicalUrl={u}&title={t}"},
        {"key": "email", "label": "Email", "url": f"mailto:?subject={t}&body={u}"},
    ]  # fmt: skip


@register.inclusion_tag("components/share_links.html", takes_context=True)
def share_links(context, article, url, position="top"):
    image_url = featured_image_url(article)
    return {"links": share_targets(article.title, url, image_url), "position": position}
