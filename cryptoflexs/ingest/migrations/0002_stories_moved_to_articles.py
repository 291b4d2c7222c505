"""Stories moved to the articles app (articles 0006 made a Story per story key); the
aggregation's own story table and its link from each entry go, keeping the dates."""

from django.db import migrations

KEEP_DATES = """UPDATE articles_story SET first_seen_at = (
    SELECT s.first_seen_at FROM ingest_story s WHERE s."key" = articles_story."key")
WHERE EXISTS (SELECT 1 FROM ingest_story s WHERE s."key" = articles_story."key")"""


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0001_initial"),
        ("articles", "0009_stories"),
    ]

    operations = [
        migrations.RunSQL(KEEP_DATES, migrations.RunSQL.noop),
        migrations.RemoveField(model_name="ingestedentry", name="story"),
        migrations.DeleteModel(name="Story"),
    ]
