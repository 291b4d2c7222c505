"""Importers: articles from JSON Lines (`jsonl.py`) and from a WordPress export (`wordpress/`).

Both write through articles.services (`article_create` / `article_update`), so imported
articles follow the same slug rule, sanitising and redirects as any other; the management
commands `import_articles` and `import_wordpress` only read their arguments and print.
"""
