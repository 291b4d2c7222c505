"""What the apps around articles add to its pages, without articles importing them.

The layer rule (docs/architecture.md): features import `articles`, never the reverse. A
feature that has something to add registers it here from its AppConfig.ready(): search gives
the Related Posts, analytics counts a read. Without a registration the page still works:
no related posts, no count.
"""

from collections.abc import Callable

from django.http import HttpRequest

RelatedProvider = Callable[..., list]
ViewedCallback = Callable[..., object]

_related: list[RelatedProvider] = []
_viewed: dict[str, ViewedCallback] = {}


def register_related_articles(provider: RelatedProvider) -> None:
    """Make `provider(article, limit=…)` the source of an article's Related Posts."""
    _related[:] = [provider]


def related_articles(article, limit: int = 3) -> list:
    """Return the articles related to `article` (none without a registered provider)."""
    return _related[0](article, limit=limit) if _related else []


def register_article_viewed(name: str, callback: ViewedCallback) -> None:
    """Call `callback(request=…, article=…)` whenever a reader opens a live article."""
    _viewed[name] = callback


def article_viewed(*, request: HttpRequest, article) -> None:
    for callback in _viewed.values():
        callback(request=request, article=article)
