"""Signed, expiring preview links: show a draft to someone without a back-office account."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "cryptoflexs.editorial.preview"


def preview_token(article_id: int) -> str:
    return signing.dumps(article_id, salt=SALT, compress=True)


def preview_url(article_id: int) -> str:
    return reverse("editorial:preview", kwargs={"token": preview_token(article_id)})


def article_id_from_token(token: str) -> int:
    """Return the article id a token was made for.

    Raises signing.SignatureExpired for an old link and signing.BadSignature for a forged one.
    """
    return signing.loads(token, salt=SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
