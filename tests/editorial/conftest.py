import pytest
from django.contrib.auth.models import Group, User

from cryptoflexs.editorial import roles
from cryptoflexs.editorial.admin import author_profile_for


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
