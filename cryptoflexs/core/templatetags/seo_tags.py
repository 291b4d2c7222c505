"""Search-engine and social metadata in the <head>: OpenGraph, Twitter cards, canonical and
rel=prev/next links, feed autodiscovery and JSON-LD (see cryptoflexs.core.seo)."""

from django import template

from cryptoflexs.core import seo

register = template.Library()


@register.filter
def absolute(path_or_url: str) -> str:
    """Return a path as an absolute URL on SITE_URL (never on the request's Host)."""
    return seo.absolute_url(str(path_or_url))


def _page_url(request, page_obj, number: int, query_string: str = "") -> str:
    params = [query_string] if query_string else []
    if number > 1:
        params.append(f"page={number}")
    return seo.absolute_url(request.path + ("?" + "&".join(params) if params else ""))


@register.inclusion_tag("components/seo_head.html", takes_context=True)
def seo_head(context):
    """Return the metadata of the page being rendered, from what its context holds.

    A paginated list of articles says so with `article_list` in its context (the articles
    app's list views set it): core knows no view of the apps above it.
    """
    request = context.get("request")
    site = context.get("site")
    site_name = seo.publisher_name(site)
    # Only an article page has breadcrumbs and an article; list pages loop over "article".
    article = context.get("article") if context.get("breadcrumbs") is not None else None
    view = context.get("view")
    static_page = context.get("page") if hasattr(context.get("page"), "body_html") else None
    page_obj = context.get("page_obj")
    subject = context.get("category") or context.get("author") or getattr(view, "tag", None)
    meta = {
        "site_name": site_name,
        "type": "website",
        "title": site_name,
        "description": (getattr(site, "tagline", "") or site_name),
        "url": seo.absolute_url(request.path if request else "/"),
        "image": seo.publisher_logo_url(),
        "image_alt": f"{site_name} logo",
        "image_width": None,
        "image_height": None,
        "canonical": None,
        "prev": None,
        "next": None,
        "feeds": seo.feed_links(subject),
        "json_ld": [],
        "article": None,
        "tags": [],
    }
    if article is not None and not context.get("preview"):
        meta.update(
            type="article",
            title=seo.article_title(article),
            description=seo.article_description(article),
            url=seo.absolute_url(article.get_absolute_url()),
            article=article,
            tags=[tag.name for tag in article.tags.all()],
        )
        image = seo.featured_image_url(article)
        if image:
            meta.update(
                image=image,
                image_alt=article.featured_image_alt,
                image_width=article.featured_image_width,
                image_height=article.featured_image_height,
            )
    elif context.get("article_list") and request is not None:
        heading = context.get("heading") or site_name
        number = page_obj.number if page_obj else 1
        query = context.get("query_string", "")
        meta["title"] = f"{heading} – {site_name}"
        meta["canonical"] = meta["url"] = _page_url(request, page_obj, number, query)
        if subject is not None:
            text = getattr(subject, "description", "") or getattr(subject, "bio", "")
            meta["description"] = " ".join(text.split()[:40]) or meta["description"]
        if page_obj is not None and page_obj.has_previous():
            meta["prev"] = _page_url(request, page_obj, page_obj.previous_page_number(), query)
        if page_obj is not None and page_obj.has_next():
            meta["next"] = _page_url(request, page_obj, page_obj.next_page_number(), query)
        if context.get("category") is not None:
            crumbs = [("Home", "/")] + [
                (node.name, node.get_absolute_url()) for node in context["category"].ancestors()
            ]
            meta["json_ld"].append(seo.json_ld(seo.breadcrumb_data(crumbs)))
    elif static_page is not None and request is not None:
        meta.update(
            title=static_page.title,
            url=seo.absolute_url(static_page.get_absolute_url()),
            canonical=seo.absolute_url(static_page.get_absolute_url()),
        )
    meta["card"] = "summary_large_image" if meta["image_width"] else "summary"
    return {"meta": meta}


@register.simple_tag(takes_context=True)
def article_json_ld(context, article, breadcrumbs):
    """Return the NewsArticle and BreadcrumbList JSON-LD of an article page."""
    crumbs = [("Home", "/")]
    crumbs += [(node.name, node.get_absolute_url()) for node in breadcrumbs]
    crumbs.append((article.title, article.get_absolute_url()))
    data = seo.news_article_data(article, context.get("site"))
    return seo.json_ld(data) + seo.json_ld(seo.breadcrumb_data(crumbs))
