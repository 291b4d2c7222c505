"""Import a WordPress export (WXR): `wxr.py` reads it (pure), `mapping.py` stores posts,
pages, categories, tags and authors, `media.py` their featured images and `redirects.py`
their old addresses. `manage.py import_wordpress` calls `mapping.wordpress_import`.
"""
