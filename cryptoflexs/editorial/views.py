from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from cryptoflexs.articles.models import Article
from cryptoflexs.articles.views import render_article

from .preview import article_id_from_token


def preview(request, token):
    """Show an article as it will look, to anyone holding a valid, unexpired preview link."""
    try:
        article_id = article_id_from_token(token)
    except signing.SignatureExpired:
        response = render(request, "editorial/preview_expired.html", status=410)
        response.headers["X-Robots-Tag"] = "noindex"
        return response
    except signing.BadSignature as exc:
        raise Http404("No such preview") from exc
    article = get_object_or_404(
        Article.objects.select_related("category__parent__parent", "author").prefetch_related(
            "tags"
        ),
        pk=article_id,
    )
    response = render_article(request, article, preview=True)
    response.headers["X-Robots-Tag"] = "noindex"
    response.headers["Cache-Control"] = "private, no-store"
    return response
