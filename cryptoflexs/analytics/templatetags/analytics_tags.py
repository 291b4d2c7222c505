"""The sidebar's Most Popular: `{% load analytics_tags %}{% most_popular as popular %}`."""

from django import template

from cryptoflexs.analytics import selectors

register = template.Library()

MOST_POPULAR = 3
MOST_POPULAR_DAYS = 7


@register.simple_tag
def most_popular(limit=MOST_POPULAR, days=MOST_POPULAR_DAYS):
    """Return the most read published articles of the last `days` days, each story once."""
    return selectors.most_popular(days=days, limit=limit)
