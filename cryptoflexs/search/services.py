"""Writes: rebuilding the search index (the triggers keep it in step otherwise)."""

from .backends import get_backend
from .selectors import index_generation_bump


def search_index_rebuild(*, progress=None) -> int:
    """Rebuild the search index from the published articles; return how many it holds.

    Runs in one transaction, so searches keep answering from the old index meanwhile and
    no article change can slip between emptying and refilling it. Cached related posts are
    forgotten afterwards.
    """
    count = get_backend().rebuild(progress=progress)
    index_generation_bump()
    return count
