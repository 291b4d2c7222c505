"""PostgreSQL: a title-only tsvector beside the weighted one, with its own GIN index, kept by
the same trigger. Suggestions and the title boosts of the ranking read this small column
instead of the whole article's vector (which PostgreSQL stores out of line).

Numbers are indexed the way the query parser reads them: "5.7%" and "1,000" as two words
each, "EH/s" as two (PostgreSQL's parser keeps "5.7" whole, so a pasted headline with a decimal found
nothing). Nothing changes on SQLite (its title-only FTS5 table exists since 0001)."""

from django.db import migrations

SYNC_FUNCTION = """CREATE OR REPLACE FUNCTION search_document_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_document WHERE article_id = OLD.id;
    ELSIF NEW.status = 'published' THEN
        INSERT INTO search_document (article_id, vector{title_column})
        VALUES (NEW.id, search_vector(NEW.title, NEW.excerpt, NEW.body_html){title_value})
        ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector{title_update};
    ELSIF TG_OP = 'UPDATE' AND OLD.status = 'published' THEN
        DELETE FROM search_document WHERE article_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$"""

SEARCH_VECTOR = """CREATE OR REPLACE FUNCTION search_vector(title text, excerpt text,
    body_html text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', {title}), 'A')
        || setweight(to_tsvector('english', {excerpt}), 'B')
        || setweight(to_tsvector('english', {body}), 'C')
$$"""
OLD_SEARCH_VECTOR = SEARCH_VECTOR.format(
    title="coalesce(title, '')",
    excerpt="coalesce(excerpt, '')",
    body="left(search_text(body_html), 200000)",
)

POSTGRES_FORWARD = [
    # A digit, a point or comma, a digit: the point or comma becomes a space; so does every
    # slash (PostgreSQL reads "EH/s" as one file path).
    r"""CREATE FUNCTION search_words(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT regexp_replace(
            translate(coalesce(value, ''), '/', ' '), '([0-9])[.,](?=[0-9])', '\1 ', 'g')
    $$""",
    SEARCH_VECTOR.format(
        title="search_words(title)",
        excerpt="search_words(excerpt)",
        body="search_words(left(search_text(body_html), 200000))",
    ),
    "ALTER TABLE search_document ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''",
    """UPDATE search_document d SET
        vector = search_vector(a.title, a.excerpt, a.body_html),
        title_vector = to_tsvector('english', search_words(a.title))
    FROM articles_article a WHERE a.id = d.article_id""",
    "CREATE INDEX search_document_title_vector ON search_document USING gin (title_vector)",
    SYNC_FUNCTION.format(
        title_column=", title_vector",
        title_value=", to_tsvector('english', search_words(NEW.title))",
        title_update=", title_vector = EXCLUDED.title_vector",
    ),
    "ANALYZE search_document",
]
POSTGRES_BACKWARD = [
    SYNC_FUNCTION.format(title_column="", title_value="", title_update=""),
    "DROP INDEX IF EXISTS search_document_title_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS title_vector",
    OLD_SEARCH_VECTOR,
    """UPDATE search_document d SET vector = search_vector(a.title, a.excerpt, a.body_html)
    FROM articles_article a WHERE a.id = d.article_id""",
    "DROP FUNCTION IF EXISTS search_words(text)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            return
        statements = statements_by_vendor.get(vendor)
        if statements is None:
            raise NotImplementedError(f"search has no index for {vendor}")
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD}),
        )
    ]
