"""Stories become the articles' own: `Story` rows (from the story keys aggregation set),
`Article.story`, and `Article.story_lead`, kept by triggers (see LEAD_* below).

The columns are added with plain ALTER TABLE statements: Django's SQLite schema editor would
rebuild the whole table for a NOT NULL column, which drops every trigger on it (the search
index's among them). A later migration that makes SQLite rebuild articles_article must
re-create these triggers too (as search 0003/0004 do for the search index)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# The lead of a story is its earliest published article (by date, then id): when any of
# them is live, that one is. An article of no story is always its own lead.
_LEAD_OF = (
    "SELECT b.id FROM articles_article b WHERE b.story_id = {sid} AND b.status = 'published' "
    "AND b.published_at IS NOT NULL ORDER BY b.published_at, b.id LIMIT 1"
)
# Only rows whose flag changes are written (a story of fifty copies costs one write).
_SQLITE_REFRESH = (
    "UPDATE articles_article SET story_lead = NOT story_lead WHERE story_id = {sid} "  # noqa: S608
    "AND story_lead IS NOT COALESCE(id = (" + _LEAD_OF + "), 0);"
)

LEAD_SQLITE = [
    f"""CREATE TRIGGER articles_story_lead_insert AFTER INSERT ON articles_article
    WHEN new.story_id IS NOT NULL BEGIN
        {_SQLITE_REFRESH.format(sid="new.story_id")}
    END""",
    f"""CREATE TRIGGER articles_story_lead_update
    AFTER UPDATE OF story_id, status, published_at ON articles_article BEGIN
        UPDATE articles_article SET story_lead = 1
        WHERE id = new.id AND new.story_id IS NULL AND NOT story_lead;
        {_SQLITE_REFRESH.format(sid="new.story_id")}
        {_SQLITE_REFRESH.format(sid="old.story_id").replace("WHERE", "WHERE old.story_id IS NOT new.story_id AND", 1)}
    END""",  # noqa: S608
    f"""CREATE TRIGGER articles_story_lead_delete AFTER DELETE ON articles_article
    WHEN old.story_id IS NOT NULL BEGIN
        {_SQLITE_REFRESH.format(sid="old.story_id")}
    END""",
]
# Title twins: an article saved with the same normalised title as another dated within three
# days is one story with it (the same headline posted twice, by an editor or by an import),
# unless it is in a story already (an editor's split gives the split-off part its own).
TWIN_DAYS = 3
_TWIN_SQLITE = (
    "SELECT t.id FROM articles_article t WHERE t.title_key = new.title_key AND t.id <> new.id "  # noqa: S608
    f"AND t.published_at BETWEEN datetime(new.published_at, '-{TWIN_DAYS} days') "
    f"AND datetime(new.published_at, '+{TWIN_DAYS} days') "
    "ORDER BY t.story_id IS NULL, abs(julianday(t.published_at) - julianday(new.published_at)), "
    "t.id LIMIT 1"
)
_TWIN_BODY_SQLITE = f"""
        INSERT INTO articles_story ("key", first_seen_at)
        SELECT lower(hex(randomblob(16))), min(t.published_at, new.published_at)
        FROM articles_article t WHERE t.id = ({_TWIN_SQLITE}) AND t.story_id IS NULL;
        UPDATE articles_article SET story_id = last_insert_rowid()
        WHERE id = ({_TWIN_SQLITE}) AND story_id IS NULL;
        UPDATE articles_article SET story_id = (
            SELECT t.story_id FROM articles_article t WHERE t.id = ({_TWIN_SQLITE}))
        WHERE id = new.id AND ({_TWIN_SQLITE}) IS NOT NULL;"""  # noqa: S608
_TWIN_WHEN = "new.story_id IS NULL AND new.title_key <> '' AND new.published_at IS NOT NULL"
LEAD_SQLITE += [
    f"""CREATE TRIGGER articles_story_twin_insert AFTER INSERT ON articles_article
    WHEN {_TWIN_WHEN} BEGIN {_TWIN_BODY_SQLITE}
    END""",
    f"""CREATE TRIGGER articles_story_twin_update
    AFTER UPDATE OF title_key, published_at ON articles_article
    WHEN {_TWIN_WHEN} BEGIN {_TWIN_BODY_SQLITE}
    END""",
]
LEAD_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_story_twin_insert",
    "DROP TRIGGER IF EXISTS articles_story_twin_update",
    "DROP TRIGGER IF EXISTS articles_story_lead_insert",
    "DROP TRIGGER IF EXISTS articles_story_lead_update",
    "DROP TRIGGER IF EXISTS articles_story_lead_delete",
]

LEAD_POSTGRES = [
    f"""CREATE FUNCTION articles_story_lead_refresh(sid bigint) RETURNS void AS $$
    BEGIN
        IF sid IS NULL THEN
            RETURN;
        END IF;
        -- Two transactions adding to one story at once would each see only their own row:
        -- take turns per story (the lock lasts until commit).
        PERFORM pg_advisory_xact_lock(28731, (sid % 2147483647)::integer);
        UPDATE articles_article a SET story_lead = NOT a.story_lead
        WHERE a.story_id = sid
          AND a.story_lead IS DISTINCT FROM COALESCE(a.id = ({_LEAD_OF.format(sid="sid")}), false);
    END
    $$ LANGUAGE plpgsql""",  # noqa: S608
    """CREATE FUNCTION articles_story_lead_sync() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            PERFORM articles_story_lead_refresh(OLD.story_id);
            RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.story_id IS DISTINCT FROM NEW.story_id THEN
            PERFORM articles_story_lead_refresh(OLD.story_id);
        END IF;
        IF NEW.story_id IS NULL THEN
            IF NOT NEW.story_lead THEN
                UPDATE articles_article SET story_lead = true WHERE id = NEW.id;
            END IF;
        ELSE
            PERFORM articles_story_lead_refresh(NEW.story_id);
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER articles_story_lead_insert_delete AFTER INSERT OR DELETE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_story_lead_sync()""",
    """CREATE TRIGGER articles_story_lead_update
    AFTER UPDATE OF story_id, status, published_at ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_story_lead_sync()""",
]
LEAD_POSTGRES += [
    f"""CREATE FUNCTION articles_story_twin() RETURNS trigger AS $$
    DECLARE
        twin record;
        sid bigint;
    BEGIN
        SELECT t.id, t.story_id, t.published_at INTO twin FROM articles_article t
        WHERE t.title_key = NEW.title_key AND t.id <> NEW.id
          AND t.published_at BETWEEN NEW.published_at - interval '{TWIN_DAYS} days'
                                 AND NEW.published_at + interval '{TWIN_DAYS} days'
        ORDER BY t.story_id IS NULL, abs(extract(epoch FROM t.published_at - NEW.published_at)),
                 t.id
        LIMIT 1;
        IF NOT FOUND THEN
            RETURN NULL;
        END IF;
        sid := twin.story_id;
        IF sid IS NULL THEN
            INSERT INTO articles_story ("key", first_seen_at)
            VALUES (md5(random()::text || clock_timestamp()::text),
                    LEAST(twin.published_at, NEW.published_at))
            RETURNING id INTO sid;
            UPDATE articles_article SET story_id = sid WHERE id = twin.id;
        END IF;
        UPDATE articles_article SET story_id = sid WHERE id = NEW.id;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql""",  # noqa: S608
    f"""CREATE TRIGGER articles_story_twin_insert AFTER INSERT ON articles_article
    FOR EACH ROW WHEN ({_TWIN_WHEN.replace("new.", "NEW.")})
    EXECUTE FUNCTION articles_story_twin()""",
    f"""CREATE TRIGGER articles_story_twin_update
    AFTER UPDATE OF title_key, published_at ON articles_article
    FOR EACH ROW WHEN ({_TWIN_WHEN.replace("new.", "NEW.")})
    EXECUTE FUNCTION articles_story_twin()""",
]
LEAD_POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS articles_story_twin_update ON articles_article",
    "DROP TRIGGER IF EXISTS articles_story_twin_insert ON articles_article",
    "DROP FUNCTION IF EXISTS articles_story_twin()",
    "DROP TRIGGER IF EXISTS articles_story_lead_update ON articles_article",
    "DROP TRIGGER IF EXISTS articles_story_lead_insert_delete ON articles_article",
    "DROP FUNCTION IF EXISTS articles_story_lead_sync()",
    "DROP FUNCTION IF EXISTS articles_story_lead_refresh(bigint)",
]

# story_key -> a Story per key (aggregation's keys were uuid4 hex), then the lead flags.
COPY_STORIES = [
    """INSERT INTO articles_story ("key", first_seen_at)
    SELECT story_key, MIN(COALESCE(published_at, created_at)) FROM articles_article
    WHERE story_key <> '' GROUP BY story_key""",
    """UPDATE articles_article SET story_id = (
        SELECT s.id FROM articles_story s WHERE s."key" = articles_article.story_key)
    WHERE story_key <> ''""",
]
LEADS = (
    "UPDATE articles_article SET story_lead = COALESCE(story_id IS NULL OR id = ("  # noqa: S608
    + _LEAD_OF.format(sid="articles_article.story_id")
    + "), false)"
)
COLUMNS = {
    "sqlite": [
        "ALTER TABLE articles_article ADD COLUMN story_id bigint NULL "
        "REFERENCES articles_story (id) DEFERRABLE INITIALLY DEFERRED",
        "ALTER TABLE articles_article ADD COLUMN story_lead bool NOT NULL DEFAULT 1",
    ],
    "postgresql": [
        "ALTER TABLE articles_article ADD COLUMN story_id bigint NULL "
        "REFERENCES articles_story (id) DEFERRABLE INITIALLY DEFERRED",
        "ALTER TABLE articles_article ADD COLUMN story_lead boolean NOT NULL DEFAULT true",
        "ALTER TABLE articles_article ALTER COLUMN story_lead DROP DEFAULT",
    ],
}
INDEXES = [
    "CREATE INDEX articles_article_story_id_idx ON articles_article (story_id)",
    "CREATE INDEX article_lead_pub_idx ON articles_article (story_lead, status, published_at DESC)",
]


def _vendor(schema_editor) -> str:
    vendor = schema_editor.connection.vendor
    if vendor not in COLUMNS:
        raise NotImplementedError(f"no story migration for {vendor}")
    return vendor


def _execute(schema_editor, statements) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    vendor = _vendor(schema_editor)
    connection = schema_editor.connection
    _execute(schema_editor, COLUMNS[vendor] + INDEXES + COPY_STORIES)
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "articles_article")
    for name, info in constraints.items():
        if info["columns"] == ["story_key"] and info["index"] and not info["primary_key"]:
            schema_editor.execute(f'DROP INDEX "{name}"', params=None)
    _execute(schema_editor, ["ALTER TABLE articles_article DROP COLUMN story_key"])
    _group_twins(schema_editor)
    _execute(schema_editor, [LEADS])
    _execute(schema_editor, LEAD_SQLITE if vendor == "sqlite" else LEAD_POSTGRES)


def _group_twins(schema_editor) -> None:
    """Give the title twins already stored (lists used to skip them one by one) a story.
    Raw SQL: the historical models of this step still have the old columns."""
    import datetime as dt
    import uuid

    from django.utils.dateparse import parse_datetime

    window = dt.timedelta(days=TWIN_DAYS)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT title_key, id, published_at FROM articles_article "
            "WHERE story_id IS NULL AND published_at IS NOT NULL AND title_key <> '' "
            "AND title_key IN (SELECT title_key FROM articles_article WHERE story_id IS NULL "
            "GROUP BY title_key HAVING COUNT(*) > 1) ORDER BY title_key, published_at, id"
        )
        rows = cursor.fetchall()
        groups, last = [], None
        for title_key, pk, published in rows:
            published = parse_datetime(published) if isinstance(published, str) else published
            if last is None or last[0] != title_key or published - last[1] > window:
                groups.append([])
            groups[-1].append(pk)
            last = (title_key, published)
        for group in (g for g in groups if len(g) > 1):
            key = uuid.uuid4().hex
            cursor.execute(
                'INSERT INTO articles_story ("key", first_seen_at) '
                "SELECT %s, published_at FROM articles_article WHERE id = %s",
                [key, group[0]],
            )
            cursor.execute(
                'UPDATE articles_article SET story_id = (SELECT id FROM articles_story WHERE "key" = %s) '  # noqa: S608
                f"WHERE id IN ({', '.join(['%s'] * len(group))})",
                [key, *group],
            )


def backward(apps, schema_editor):
    vendor = _vendor(schema_editor)
    _execute(schema_editor, LEAD_SQLITE_DROP if vendor == "sqlite" else LEAD_POSTGRES_DROP)
    _execute(
        schema_editor,
        [
            "ALTER TABLE articles_article ADD COLUMN story_key varchar(64) NOT NULL DEFAULT ''",
            """UPDATE articles_article SET story_key = COALESCE((
                SELECT s."key" FROM articles_story s WHERE s.id = articles_article.story_id), '')""",
            "CREATE INDEX articles_article_story_key_idx ON articles_article (story_key)",
            "DROP INDEX article_lead_pub_idx",
            "DROP INDEX articles_article_story_id_idx",
            "ALTER TABLE articles_article DROP COLUMN story_lead",
            "ALTER TABLE articles_article DROP COLUMN story_id",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_article_sponsored"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Story",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(editable=False, max_length=64, unique=True)),
                ("first_seen_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"verbose_name_plural": "stories", "ordering": ["-first_seen_at", "-pk"]},
        ),
        migrations.CreateModel(
            name="StoryDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("split", "Split off into a new story"),
                            ("merge", "Merged into this story"),
                        ],
                        max_length=10,
                    ),
                ),
                ("from_story_key", models.CharField(blank=True, max_length=64)),
                ("article_ids", models.JSONField(default=list)),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "story",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="decisions",
                        to="articles.story",
                    ),
                ),
            ],
            options={"ordering": ["-at", "-pk"]},
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="article", name="story_key"),
                migrations.AddField(
                    model_name="article",
                    name="story_lead",
                    field=models.BooleanField(default=True, editable=False),
                ),
                migrations.AddField(
                    model_name="article",
                    name="story",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="articles",
                        to="articles.story",
                    ),
                ),
                migrations.AddIndex(
                    model_name="article",
                    index=models.Index(
                        fields=["story_lead", "status", "-published_at"],
                        name="article_lead_pub_idx",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(forward, backward)],
        ),
    ]
