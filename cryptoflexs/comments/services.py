"""Comment writes: posting (with moderation or auto-approval) and bulk moderation."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cryptoflexs.articles.models import Article
from cryptoflexs.core.cache import content_changed

from . import selectors
from .models import Comment, CommentSettings, comments_closed


class CommentsClosed(PermissionDenied):
    """The article takes no more comments."""


def comment_create(
    *,
    article: Article,
    name: str,
    email: str,
    body: str,
    parent_id: int | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
    commenter_key: str = "",
) -> Comment:
    """Store a reader's comment: approved at once for a returning commenter (when editors
    allow it), otherwise waiting for moderation. Refuses closed articles.

    A returning commenter is one whose earlier comment, sent with the same e-mail address
    and the same `commenter_key` (the random secret of their browser's signed cookie), was
    approved: anyone can type an address, only that browser holds the key.
    """
    if comments_closed(article):
        raise CommentsClosed("Comments are closed.")
    parent = None
    if parent_id:
        parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, article=article, parent=None)
            .select_related("article")
            .first()
        )
        if parent is None:
            raise ValidationError("The comment you are replying to is not available.")
    author_key = hashlib.sha256(commenter_key.encode()).hexdigest() if commenter_key else ""
    approve = CommentSettings.load().auto_approve_returning and selectors.is_returning_commenter(
        email, author_key
    )
    comment = Comment(
        article=article,
        parent=parent,
        name=name,
        email=email.lower(),
        body=body,
        status=Comment.Status.APPROVED if approve else Comment.Status.PENDING,
        ip_address=ip_address or None,
        user_agent=user_agent[:300],
        author_key=author_key,
    )
    comment.full_clean()
    with transaction.atomic():
        comment.save()
    return comment


def comments_moderate(*, comments, status: str, by) -> int:
    """Set `status` on every comment of the queryset `comments`; return how many changed.

    Pages are made stale once when approved comments appear or disappear.
    """
    if status not in Comment.Status.values:
        raise ValidationError(f"Unknown comment status {status!r}.")
    with transaction.atomic():
        changing = comments.exclude(status=status)
        touches_public = (
            status == Comment.Status.APPROVED
            or changing.filter(status=Comment.Status.APPROVED).exists()
        )
        count = changing.update(
            status=status, moderated_at=timezone.now(), moderated_by=by if by else None
        )
    if count and touches_public:
        transaction.on_commit(content_changed)
    return count
