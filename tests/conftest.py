import os

import pytest

# Sync Playwright runs an event loop in this thread; the ORM calls the tests make alongside
# it are still synchronous and safe (STACK-NOTES: SynchronousOnlyOperation otherwise).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Give every test an empty cache, whichever backend the settings chose."""
    from django.core.cache import cache

    from cryptoflexs.analytics import buffer

    cache.clear()
    buffer.discard()  # views another test counted and did not flush
    yield
    cache.clear()


# Back-office users in each role (shared by the editorial, cache and later test suites).
from django.contrib.auth.models import Group, User  # noqa: E402

from cryptoflexs.editorial import roles  # noqa: E402
from cryptoflexs.editorial.admin import author_profile_for  # noqa: E402


def make_user(username, role=None, *, superuser=False) -> User:
    user = User.objects.create_user(
        username=username, password="pw-" + username, is_staff=True, is_superuser=superuser
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    author_profile_for(user)
    return user


@pytest.fixture
def editor(db):
    return make_user("edna", roles.EDITOR)


@pytest.fixture
def author_user(db):
    return make_user("arthur", roles.AUTHOR)


@pytest.fixture
def other_author(db):
    return make_user("olga", roles.AUTHOR)


@pytest.fixture
def contributor(db):
    return make_user("connie", roles.CONTRIBUTOR)
