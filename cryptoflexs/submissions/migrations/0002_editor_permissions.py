from django.db import migrations

from cryptoflexs.comments.roles import grant, model_perms, revoke


def forwards(apps, schema_editor):
    grant(apps, "submissions", model_perms("submission", "contactmessage"))


def backwards(apps, schema_editor):
    revoke(apps, "submissions")


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0001_initial"),
        ("editorial", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
