"""Store the size of every image whose width/height columns are empty (149 of the 150 demo
articles), and stop reading image files when rows are loaded (#15, item 3)."""

import logging

import cryptoflexs.core.fields
from django.core.files.images import get_image_dimensions
from django.db import migrations

logger = logging.getLogger(__name__)


def backfill_dimensions(apps, schema_editor):
    Model = apps.get_model("articles", "Article")
    field = Model._meta.get_field("featured_image")
    missing = (
        Model.objects.exclude(featured_image="")
        .filter(featured_image_width=None)
        .only("pk", "featured_image")
    )
    for row in missing.iterator():
        name = row.featured_image.name
        try:
            with field.storage.open(name, "rb") as handle:
                width, height = get_image_dimensions(handle)
        except OSError as exc:  # a missing file keeps empty columns; pages show a placeholder
            logger.warning("No size for %s: %s", name, exc)
            continue
        if width and height:
            Model.objects.filter(pk=row.pk).update(
                featured_image_width=width, featured_image_height=height
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_category_optional_for_drafts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="featured_image",
            field=cryptoflexs.core.fields.ImageField(
                blank=True,
                height_field="featured_image_height",
                upload_to="articles/%Y/%m/",
                width_field="featured_image_width",
            ),
        ),
        migrations.RunPython(backfill_dimensions, migrations.RunPython.noop, elidable=True),
    ]
