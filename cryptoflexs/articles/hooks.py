"""What the apps around articles add to it, without articles importing them.

The layer rule (docs/architecture.md): features import `articles`, never the reverse. A
feature that has something to add registers it here from its AppConfig.ready(): search gives
the Related Posts, analytics counts a read, markets hears that articles went public. Without
a registration articles still work: no related posts, no count, nobody told.
"""

import logging
from collections.abc import Callable, Iterable

from django.db import transaction
from django.http import HttpRequest

logger = logging.getLogger(__name__)

RelatedProvider = Callable[..., list]
ViewedCallback = Callable[..., object]

_related: list[RelatedProvider] = []
_viewed: dict[str, ViewedCallback] = {}
_published_hooks: list[Callable[[list[int]], None]] = []


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


def register_published_hook(hook: Callable[[list[int]], None]) -> None:
    """Call `hook(article_ids)` after every commit that published articles (idempotent)."""
    if hook not in _published_hooks:
        _published_hooks.append(hook)


def articles_published(*, article_ids: Iterable[int]) -> None:
    """Tell the registered hooks, after the current transaction commits, that these
    articles were just published (the publish paths call this inside their transaction)."""
    ids = list(article_ids)
    if not ids:
        return

    def run():
        for hook in list(_published_hooks):
            hook(ids)

    transaction.on_commit(run)
