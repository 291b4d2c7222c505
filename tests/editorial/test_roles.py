"""The newsroom's role groups can be made again when they are missing (a site whose groups
were deleted, or a flushed database): load_demo's accounts need them to move articles."""

import pytest
from django.contrib.auth.models import Group

from cryptoflexs.editorial import roles

pytestmark = pytest.mark.django_db


def test_a_deleted_role_group_comes_back_with_its_permissions():
    Group.objects.filter(name=roles.EDITOR).delete()
    group = roles.role_group(roles.EDITOR)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"publish_article", "change_article", "add_category"} <= codenames


def test_an_existing_role_group_is_left_as_the_admin_set_it():
    group = Group.objects.get(name=roles.AUTHOR)
    group.permissions.clear()
    assert roles.role_group(roles.AUTHOR).pk == group.pk
    assert not group.permissions.exists()
