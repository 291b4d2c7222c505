import os

import pytest

# Sync Playwright runs an event loop in this thread; the ORM calls the tests make alongside
# it are still synchronous and safe (STACK-NOTES: SynchronousOnlyOperation otherwise).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Give every test an empty cache, whichever backend the settings chose."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
