from dataclasses import dataclass, field

from django.conf import settings

from cryptoflexs.articles.models import Article

from .models import Comment


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


def article_threads(article: Article) -> list[Thread]:
    """Return the approved comments of `article`, oldest first, each with its approved replies.

    One query, capped at COMMENTS_MAX_SHOWN comments; a reply whose parent is not (or no
    longer) approved is not shown.
    """
    rows = list(
        Comment.objects.approved()
        .filter(article=article)
        .only("pk", "parent_id", "name", "body", "created_at")
        .order_by("created_at", "pk")[: settings.COMMENTS_MAX_SHOWN]
    )
    threads: dict[int, Thread] = {}
    for comment in rows:
        if comment.parent_id is None:
            threads[comment.pk] = Thread(comment)
    for comment in rows:
        if comment.parent_id is not None and comment.parent_id in threads:
            threads[comment.parent_id].replies.append(comment)
    return list(threads.values())


def is_returning_commenter(email: str, author_key: str) -> bool:
    """Return whether this e-mail address has an approved comment sent from the browser
    holding `author_key` (the hash stored with each comment)."""
    if not author_key:
        return False
    return Comment.objects.approved().filter(email=email.lower(), author_key=author_key).exists()


def pending_count() -> int:
    return Comment.objects.pending().count()
