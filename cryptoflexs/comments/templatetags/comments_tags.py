from django import template

from cryptoflexs.comments import selectors
from cryptoflexs.comments.models import comments_closed
from cryptoflexs.comments.text import plain_text_html

register = template.Library()


@register.inclusion_tag("comments/article_comments.html")
def article_comments(article, preview=False):
    """Render an article's approved comments and, when open, the way to the comment form."""
    threads = selectors.article_threads(article) if not preview else []
    return {
        "article": article,
        "threads": threads,
        "count": sum(1 + len(t.replies) for t in threads),
        "closed": not preview and comments_closed(article),
        "preview": preview,
    }


@register.filter
def comment_text(text):
    """Show a reader's plain text: escaped, paragraphs kept, links rel="nofollow ugc"."""
    return plain_text_html(text, rel="nofollow ugc")
