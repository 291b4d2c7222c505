"""Old WordPress addresses of an imported post (`/?p=ID` and its permalink) answer with a
301 to the article (ArticleRedirect, served by articles.middleware)."""

from ...models import Article, ArticleRedirect
from .records import Post
from .report import Report

REDIRECT_MAX = ArticleRedirect._meta.get_field("old_path").max_length


def redirects_save(*, post: Post, article: Article, report: Report) -> None:
    """Point the post's short link and permalink at `article` (created or moved over)."""
    paths = [post.short_link]
    old_path = post.old_path
    if old_path not in ("", "/", post.short_link, article.get_absolute_url()):
        paths.append(old_path)
    for path in paths:
        if len(path) > REDIRECT_MAX:
            report.warnings.append(f"old address too long for a redirect: {path[:80]}…")
            continue
        redirect, created = ArticleRedirect.objects.get_or_create(
            old_path=path, defaults={"article": article}
        )
        changed = not created and redirect.article_id != article.pk
        if changed:
            redirect.article = article
            redirect.save(update_fields=["article"])
        report.redirects.add(created, changed)


def article_for_post(post: Post) -> Article | None:
    """Return the article a previous run made from `post` (found by its `/?p=ID` redirect)."""
    return Article.objects.filter(redirects__old_path=post.short_link).first()
