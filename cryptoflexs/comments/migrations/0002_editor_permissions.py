from django.db import migrations

from cryptoflexs.comments.roles import grant, model_perms, revoke

EDITOR_PERMISSIONS = [
    *model_perms("comment"),
    *model_perms("commentsettings", actions=("change", "view")),
]


def forwards(apps, schema_editor):
    grant(apps, "comments", EDITOR_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, "comments")


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("editorial", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
