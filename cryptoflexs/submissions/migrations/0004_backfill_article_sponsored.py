"""Articles made from paid press releases become sponsored (Article.sponsored, issue #17):
the flag used to be looked up at render time; now the article carries it, and its stored
body's links get rel="sponsored" as a save would give them."""

from django.db import migrations

from cryptoflexs.core.html import sanitize_html


def backfill(apps, schema_editor):
    Submission = apps.get_model("submissions", "Submission")
    Article = apps.get_model("articles", "Article")
    ids = Submission.objects.filter(sponsored=True, article__isnull=False).values_list(
        "article_id", flat=True
    )
    for article in Article.objects.filter(pk__in=list(ids), sponsored=False):
        article.sponsored = True
        article.body_html = sanitize_html(article.body_html, sponsored=True)
        article.save(update_fields=["sponsored", "body_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0003_notify_pending"),
        ("articles", "0008_article_sponsored"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
