import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
from cryptoflexs.core.pagecache import fast_hits  # noqa: E402 (after Django is set up)

# A page held in this process's memory skips most of Django's handler (core.pagecache).
application = fast_hits(get_wsgi_application())
