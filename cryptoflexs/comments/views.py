import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from cryptoflexs.articles.models import Article
from cryptoflexs.core.antispam import client_ip, rate_limit_message, rate_limited

from . import services
from .forms import CommentForm
from .models import Comment, comments_closed


def _live_article(article_id: int) -> Article:
    article = get_object_or_404(Article.objects.select_related("category"), pk=article_id)
    if not article.is_live:
        raise Http404("No such article")
    return article


def _reply_target(article: Article, raw) -> Comment | None:
    try:
        pk = int(raw or 0)
    except (TypeError, ValueError):
        return None
    if not pk:
        return None
    return Comment.objects.approved().filter(pk=pk, article=article, parent=None).first()


# The commenter's browser key: random, signed, sent only to the comment form's addresses, so
# article pages stay cookie-free and cacheable.
COMMENTER_COOKIE = "cf_commenter"
COMMENTER_SALT = "cryptoflexs.comments.commenter"
COMMENTER_MAX_AGE = 2 * 365 * 24 * 3600


def _commenter_key(request) -> str:
    key = request.get_signed_cookie(COMMENTER_COOKIE, default="", salt=COMMENTER_SALT)
    return key if len(key) == 43 else secrets.token_urlsafe(32)


def _remember_commenter(response, key: str):
    response.set_signed_cookie(
        COMMENTER_COOKIE,
        key,
        salt=COMMENTER_SALT,
        max_age=COMMENTER_MAX_AGE,
        path="/comments/",
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _form_page(request, article, form, parent, *, status=200, error=""):
    context = {"article": article, "form": form, "parent": parent, "error": error}
    return render(request, "comments/comment_form.html", context, status=status)


# The form has its own uncached address instead of sitting in the article page: its CSRF
# token needs a cookie, and article pages are served from the page cache and set no cookie
# (privacy-friendly, cacheable by any proxy). The form page is one click away.
@require_http_methods(["GET", "POST"])
def comment_post(request, article_id: int):
    """Show the comment form (a new comment or a reply) and take comments."""
    article = _live_article(article_id)
    if comments_closed(article):
        return render(request, "comments/closed.html", {"article": article}, status=403)
    if request.method == "GET":
        parent = _reply_target(article, request.GET.get("reply"))
        form = CommentForm(initial={"parent": parent.pk if parent else None})
        return _form_page(request, article, form, parent)

    form = CommentForm(request.POST)
    parent = _reply_target(article, request.POST.get("parent"))
    if rate_limited(request, "comment"):
        form.refresh_token_if_invalid()
        return _form_page(request, article, form, parent, status=429, error=rate_limit_message())
    if not form.is_valid():
        form.refresh_token_if_invalid()
        return _form_page(request, article, form, parent, status=400)
    key = _commenter_key(request)
    try:
        comment = services.comment_create(
            article=article,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            body=form.cleaned_data["body"],
            parent_id=form.cleaned_data.get("parent"),
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            commenter_key=key,
        )
    except services.CommentsClosed:
        return render(request, "comments/closed.html", {"article": article}, status=403)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _form_page(request, article, form, None, status=400)
    if comment.status == Comment.Status.APPROVED:
        # Approval made every cached page stale, so the article shows the comment at once.
        response = redirect(f"{article.get_absolute_url()}#comment-{comment.pk}")
    else:
        response = redirect("comments:posted", article_id=article.pk)
    return _remember_commenter(response, key)


def comment_posted(request, article_id: int):
    """Thank the reader for a comment that waits for moderation."""
    article = _live_article(article_id)
    return render(request, "comments/posted.html", {"article": article})
