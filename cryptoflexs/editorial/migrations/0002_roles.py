from django.contrib.auth.management import create_permissions
from django.db import migrations

from cryptoflexs.editorial.roles import ADMINISTRATOR, ROLE_PERMISSIONS, role_permissions


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now so that the
    # groups can refer to them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin_group, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    admin_group.permissions.set(Permission.objects.all())
    for role in ROLE_PERMISSIONS:
        group, _ = Group.objects.get_or_create(name=role)
        # ROLE_PERMISSIONS is today's list: permissions of models that later migrations
        # create are granted there (editorial 0003: the media library).
        group.permissions.set(role_permissions(Permission, role))


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[ADMINISTRATOR, *ROLE_PERMISSIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0004_workflow_states"),
        ("core", "0001_initial"),
        ("editorial", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
