"""The search index: FTS5 tables on SQLite, a weighted tsvector table on PostgreSQL, each kept
in step with the article table by triggers (so that every write path is covered), and filled
with the articles published so far."""

from django.db import migrations

SQLITE_FORWARD = [
    # The published articles as the index sees them: the body as plain text.
    """CREATE VIEW search_source AS
    SELECT id, title, excerpt, cf_search_text(body_html) AS body
    FROM articles_article WHERE status = 'published'""",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, excerpt, body,
        content='search_source', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE VIRTUAL TABLE search_title_fts USING fts5(
        title,
        content='search_source', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER search_article_insert AFTER INSERT ON articles_article
    WHEN new.status = 'published' BEGIN
        INSERT INTO search_fts(rowid, title, excerpt, body)
        VALUES (new.id, new.title, new.excerpt, cf_search_text(new.body_html));
        INSERT INTO search_title_fts(rowid, title) VALUES (new.id, new.title);
    END""",
    """CREATE TRIGGER search_article_delete AFTER DELETE ON articles_article
    WHEN old.status = 'published' BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, excerpt, body)
        VALUES ('delete', old.id, old.title, old.excerpt, cf_search_text(old.body_html));
        INSERT INTO search_title_fts(search_title_fts, rowid, title)
        VALUES ('delete', old.id, old.title);
    END""",
    # Statements in a trigger run in order: the old entry goes before the new one comes.
    """CREATE TRIGGER search_article_update
    AFTER UPDATE OF title, excerpt, body_html, status ON articles_article
    WHEN (old.status = 'published' OR new.status = 'published')
        AND (old.title IS NOT new.title OR old.excerpt IS NOT new.excerpt
             OR old.body_html IS NOT new.body_html OR old.status IS NOT new.status)
    BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, excerpt, body)
        SELECT 'delete', old.id, old.title, old.excerpt, cf_search_text(old.body_html)
        WHERE old.status = 'published';
        INSERT INTO search_title_fts(search_title_fts, rowid, title)
        SELECT 'delete', old.id, old.title WHERE old.status = 'published';
        INSERT INTO search_fts(rowid, title, excerpt, body)
        SELECT new.id, new.title, new.excerpt, cf_search_text(new.body_html)
        WHERE new.status = 'published';
        INSERT INTO search_title_fts(rowid, title)
        SELECT new.id, new.title WHERE new.status = 'published';
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_title_fts(search_title_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_article_insert",
    "DROP TRIGGER IF EXISTS search_article_delete",
    "DROP TRIGGER IF EXISTS search_article_update",
    "DROP TABLE IF EXISTS search_title_fts",
    "DROP TABLE IF EXISTS search_fts",
    "DROP VIEW IF EXISTS search_source",
]

POSTGRES_FORWARD = [
    # The visible text of a sanitised HTML body (tags dropped, the entities nh3 writes decoded).
    r"""CREATE FUNCTION search_text(html text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT replace(replace(replace(replace(replace(replace(
            regexp_replace(coalesce(html, ''), '<[^>]*>', ' ', 'g'),
            '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''),
            '&amp;', '&')
    $$""",
    # Title weighs A, excerpt B, body C; a tsvector holds at most 1 MB, so very long bodies
    # are cut (the first 200,000 characters are indexed).
    """CREATE FUNCTION search_vector(title text, excerpt text, body_html text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || setweight(to_tsvector('english', coalesce(excerpt, '')), 'B')
            || setweight(to_tsvector('english', left(search_text(body_html), 200000)), 'C')
    $$""",
    """CREATE TABLE search_document (
        article_id bigint PRIMARY KEY,
        vector tsvector NOT NULL
    )""",
    "CREATE INDEX search_document_vector ON search_document USING gin (vector)",
    """CREATE FUNCTION search_document_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM search_document WHERE article_id = OLD.id;
        ELSIF NEW.status = 'published' THEN
            INSERT INTO search_document (article_id, vector)
            VALUES (NEW.id, search_vector(NEW.title, NEW.excerpt, NEW.body_html))
            ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector;
        ELSIF TG_OP = 'UPDATE' AND OLD.status = 'published' THEN
            DELETE FROM search_document WHERE article_id = NEW.id;
        END IF;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER search_article_insert_delete AFTER INSERT OR DELETE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION search_document_sync()""",
    """CREATE TRIGGER search_article_update
    AFTER UPDATE OF title, excerpt, body_html, status ON articles_article
    FOR EACH ROW WHEN (
        OLD.title IS DISTINCT FROM NEW.title OR OLD.excerpt IS DISTINCT FROM NEW.excerpt
        OR OLD.body_html IS DISTINCT FROM NEW.body_html OR OLD.status IS DISTINCT FROM NEW.status
    ) EXECUTE FUNCTION search_document_sync()""",
    # TRUNCATE fires no row triggers (Django's flush uses it between tests).
    """CREATE FUNCTION search_document_clear() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE search_document;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER search_article_truncate AFTER TRUNCATE ON articles_article
    FOR EACH STATEMENT EXECUTE FUNCTION search_document_clear()""",
    """INSERT INTO search_document (article_id, vector)
    SELECT id, search_vector(title, excerpt, body_html) FROM articles_article
    WHERE status = 'published'""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_article_update ON articles_article",
    "DROP TRIGGER IF EXISTS search_article_insert_delete ON articles_article",
    "DROP TRIGGER IF EXISTS search_article_truncate ON articles_article",
    "DROP FUNCTION IF EXISTS search_document_clear()",
    "DROP FUNCTION IF EXISTS search_document_sync()",
    "DROP TABLE IF EXISTS search_document",
    "DROP FUNCTION IF EXISTS search_vector(text, text, text)",
    "DROP FUNCTION IF EXISTS search_text(text)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor == "sqlite":
            from cryptoflexs.search.sqlite_fts5 import register_functions

            connection.ensure_connection()
            register_functions(connection=connection)
        statements = statements_by_vendor.get(connection.vendor)
        if statements is None:
            raise NotImplementedError(f"search has no index for {connection.vendor}")
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_seo_and_attribution")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
