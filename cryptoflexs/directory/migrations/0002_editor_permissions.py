from django.db import migrations

from cryptoflexs.comments.roles import grant, model_perms, revoke


def forwards(apps, schema_editor):
    grant(apps, "directory", model_perms("listing"))


def backwards(apps, schema_editor):
    revoke(apps, "directory")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("editorial", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
