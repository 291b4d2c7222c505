"""Cache invalidation only: pages change when an approved comment appears, changes or goes."""

from cryptoflexs.core.cache import invalidate_on_public_change

from .models import Comment


def connect() -> None:
    invalidate_on_public_change(Comment, Comment.Status.APPROVED, "Comment")
