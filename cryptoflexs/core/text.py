"""Small text helpers shared by models, services and templates."""

import math
import re
import unicodedata

from django.conf import settings

from .html import html_to_text

_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


def normalise_title(title: str) -> str:
    """Return a key under which two spellings of one headline compare equal.

    Case, accents, punctuation (curly or straight quotes, dashes) and spacing are ignored,
    so "Bitcoin hits $100K!" and "bitcoin hits 100k" share a key.
    """
    text = unicodedata.normalize("NFKD", title or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub(" ", text.casefold())
    return _SPACE.sub(" ", text).strip()


def word_count(html: str) -> int:
    """Count the words a reader sees in an HTML fragment."""
    text = html_to_text(html)
    return len(text.split()) if text else 0


def reading_minutes(words: int) -> int:
    """Return whole minutes to read `words` words, at least one."""
    return max(1, math.ceil(words / settings.READING_WORDS_PER_MINUTE))
