"""Article.sponsored: paid content, labelled Sponsored.

The column is added with a plain ALTER TABLE: Django's SQLite schema editor would rebuild
the whole table for a NOT NULL column with a default, and the rebuild drops every trigger on
it (the search index's, the story lead's) on an installation being upgraded."""

from django.db import migrations, models

ADD = {
    "sqlite": [
        "ALTER TABLE articles_article ADD COLUMN sponsored bool NOT NULL DEFAULT 0",
    ],
    "postgresql": [
        "ALTER TABLE articles_article ADD COLUMN sponsored boolean NOT NULL DEFAULT false",
        # Django keeps defaults in Python, not in the schema.
        "ALTER TABLE articles_article ALTER COLUMN sponsored DROP DEFAULT",
    ],
}
DROP = "ALTER TABLE articles_article DROP COLUMN sponsored"


def add_column(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ADD:
        raise RuntimeError(f"articles 0008: no column statement for the {vendor} database")
    for statement in ADD[vendor]:
        schema_editor.execute(statement, params=None)


def drop_column(apps, schema_editor):
    schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_featured_image_dimensions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="article",
                    name="sponsored",
                    field=models.BooleanField(
                        default=False,
                        help_text=(
                            "Paid content (a paid press release): labelled Sponsored, and "
                            'its links carry rel="sponsored".'
                        ),
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
    ]
