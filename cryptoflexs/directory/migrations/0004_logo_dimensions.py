"""Store the size of every image whose width/height columns are empty (directory logos), and stop reading image files when rows are loaded (#15, item 3)."""

import logging

import cryptoflexs.core.fields
from django.core.files.images import get_image_dimensions
from django.db import migrations

logger = logging.getLogger(__name__)


def backfill_dimensions(apps, schema_editor):
    Model = apps.get_model("directory", "Listing")
    field = Model._meta.get_field("logo")
    missing = Model.objects.exclude(logo="").filter(logo_width=None).only("pk", "logo")
    for row in missing.iterator():
        name = row.logo.name
        try:
            with field.storage.open(name, "rb") as handle:
                width, height = get_image_dimensions(handle)
        except OSError as exc:  # a missing file keeps empty columns; pages show a placeholder
            logger.warning("No size for %s: %s", name, exc)
            continue
        if width and height:
            Model.objects.filter(pk=row.pk).update(logo_width=width, logo_height=height)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_listing_notify_pending"),
    ]

    operations = [
        migrations.AlterField(
            model_name="listing",
            name="logo",
            field=cryptoflexs.core.fields.ImageField(
                blank=True,
                height_field="logo_height",
                help_text="Square, at least 128 × 128 pixels.",
                upload_to="directory/",
                width_field="logo_width",
            ),
        ),
        migrations.RunPython(backfill_dimensions, migrations.RunPython.noop, elidable=True),
    ]
