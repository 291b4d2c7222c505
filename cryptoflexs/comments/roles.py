"""Grant the community apps' permissions to the newsroom roles (used by data migrations).

The editorial migration gives the Administrator group every permission that exists when it
runs; models added later (comments, submissions, directory) grant theirs here.
"""

from django.contrib.auth.management import create_permissions

EDITOR = "Editor"
ADMINISTRATOR = "Administrator"


def grant(apps, app_label: str, editor_codenames: list[str]) -> None:
    """Add `editor_codenames` of `app_label` to Editor and all its permissions to Administrator."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    mine = Permission.objects.filter(content_type__app_label=app_label)
    admin_group, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    admin_group.permissions.add(*mine)
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.add(*mine.filter(codename__in=editor_codenames))


def revoke(apps, app_label: str) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    mine = Permission.objects.filter(content_type__app_label=app_label)
    for group in Group.objects.filter(name__in=[EDITOR, ADMINISTRATOR]):
        group.permissions.remove(*mine)


def model_perms(*models: str, actions=("add", "change", "delete", "view")) -> list[str]:
    return [f"{action}_{model}" for model in models for action in actions]
