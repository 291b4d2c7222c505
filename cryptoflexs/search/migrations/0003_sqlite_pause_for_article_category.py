"""SQLite: take the search view and triggers off the article table while articles 0006
rebuilds it (SQLite changes a column's NULL-ness by copying the table: the rename refuses
while a view names the table, and the copy would lose the triggers). 0004 puts them back.

Any later migration that makes SQLite rebuild articles_article needs the same pair."""

import importlib

from django.db import migrations

initial = importlib.import_module("cryptoflexs.search.migrations.0001_initial")
SQLITE_PAUSE = [
    "DROP TRIGGER IF EXISTS search_article_insert",
    "DROP TRIGGER IF EXISTS search_article_delete",
    "DROP TRIGGER IF EXISTS search_article_update",
    "DROP VIEW IF EXISTS search_source",
]
# 0001's view and triggers and the index rebuild; its FTS5 tables are kept.
SQLITE_RESUME = [
    statement
    for statement in initial.SQLITE_FORWARD
    if not statement.lstrip().startswith("CREATE VIRTUAL TABLE")
]


def pause(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_PAUSE:
            schema_editor.execute(statement, params=None)


def resume(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        initial._run({"sqlite": SQLITE_RESUME})(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_title_vector")]
    run_before = [("articles", "0006_category_optional_for_drafts")]

    operations = [migrations.RunPython(pause, resume)]
