"""Sponsored labelling of articles made from paid press releases (see SUBMIT)."""

import nh3
from django import template
from django.utils.safestring import mark_safe

from cryptoflexs.core.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES
from cryptoflexs.submissions.models import Submission

register = template.Library()

SPONSORED_REL = "sponsored noopener noreferrer"


def is_sponsored(article) -> bool:
    """Return True when `article` was made from a paid submission (one query, remembered)."""
    if not hasattr(article, "_cf_sponsored"):
        article._cf_sponsored = (
            article.pk is not None
            and Submission.objects.filter(article_id=article.pk, sponsored=True).exists()
        )
    return article._cf_sponsored


@register.inclusion_tag("submissions/sponsored_label.html")
def sponsored_label(article):
    return {"sponsored": is_sponsored(article)}


@register.simple_tag
def article_body(article):
    """Return the article's stored (sanitised) body; a sponsored article's links get
    rel="sponsored" (https://developers.google.com/search/docs/crawling-indexing/qualify-outbound-links)."""
    if not is_sponsored(article):
        return mark_safe(article.body_html)  # noqa: S308 - sanitised when stored
    return mark_safe(  # noqa: S308 - nh3 output
        nh3.clean(
            article.body_html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=SPONSORED_REL,
        )
    )
