"""Hooks other apps register to hear that articles went public, without articles (or the
editorial workflow) importing them. The publish paths call `articles_published` inside
their transaction; the hooks run once it has committed."""

import logging
from collections.abc import Callable, Iterable

from django.db import transaction

logger = logging.getLogger(__name__)

_published_hooks: list[Callable[[list[int]], None]] = []


def register_published_hook(hook: Callable[[list[int]], None]) -> None:
    """Call `hook(article_ids)` after every commit that published articles (idempotent)."""
    if hook not in _published_hooks:
        _published_hooks.append(hook)


def articles_published(*, article_ids: Iterable[int]) -> None:
    """Tell the registered hooks, after the current transaction commits, that these
    articles were just published."""
    ids = list(article_ids)
    if not ids:
        return

    def run():
        for hook in list(_published_hooks):
            hook(ids)

    transaction.on_commit(run)
