"""Article search. A simple, correct substring search; the ranked full-text backends
(SQLite FTS5, PostgreSQL) replace this module's internals behind the same function."""

import re

from django.db.models import Q, QuerySet

from cryptoflexs.articles.models import Article

_TERM = re.compile(r'"([^"]+)"|(\S+)')
MAX_TERMS = 10


def parse_terms(query: str) -> list[str]:
    """Split a query into terms; "quoted phrases" stay whole."""
    terms = [phrase or word for phrase, word in _TERM.findall(query)]
    return [t for t in terms if t.strip()][:MAX_TERMS]


def search_articles(query: str) -> QuerySet[Article]:
    """Return published articles whose title, excerpt or body contains every term."""
    qs = Article.objects.published()
    terms = parse_terms(query)
    if not terms:
        return qs.none()
    for term in terms:
        qs = qs.filter(
            Q(title__icontains=term) | Q(excerpt__icontains=term) | Q(body_html__icontains=term)
        )
    return qs.for_listing()
