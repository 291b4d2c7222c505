"""SQLite: the search view and triggers again, on the article table articles 0006 rebuilt,
and the index rebuilt from it (see 0003)."""

import importlib

from django.db import migrations

paused = importlib.import_module(
    "cryptoflexs.search.migrations.0003_sqlite_pause_for_article_category"
)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_sqlite_pause_for_article_category"),
        ("articles", "0006_category_optional_for_drafts"),
    ]

    operations = [migrations.RunPython(paused.resume, paused.pause)]
