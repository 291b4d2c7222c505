"""The sidebar's Most Popular: `{% load analytics_tags %}{% most_popular as popular %}`."""

from django import template

from cryptoflexs.analytics import selectors

register = template.Library()

MOST_POPULAR = 3
MOST_POPULAR_DAYS = 7


@register.simple_tag
def most_popular(limit=MOST_POPULAR, days=MOST_POPULAR_DAYS, exclude=None):
    """Return the most read published articles of the last `days` days, each story once,
    leaving out the stories of `exclude` (articles the page shows already: the home page)."""
    if not exclude:
        return selectors.most_popular(days=days, limit=limit)
    ids = {a.pk for a in exclude}
    stories = {a.story_id for a in exclude if a.story_id}
    found = selectors.most_popular(days=days, limit=limit + len(ids))
    return [a for a in found if a.pk not in ids and a.story_id not in stories][:limit]
