"""Static files with hashed names once collected, and a working site before that.

Django's manifest storage raises for every `{% static %}` whose file is not in the
manifest, so `manage.py runserver` with DEBUG off answered 500 on every page until
`collectstatic` had run, and one file added since the last collectstatic broke every page
that uses it. Here a missing entry falls back to the file's plain name, which WhiteNoise
serves from the source folders (WHITENOISE_USE_FINDERS), and the system check below says
at start that collectstatic is due.
"""

import logging

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks
from django.core.files.storage import storages
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed names from the manifest; the plain name of an uncollected file."""

    _warned = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            # Only a file that exists in a source folder is served under its plain name;
            # a typo in a template still fails loudly.
            if not finders.find(name.split("?", 1)[0].split("#", 1)[0]):
                raise
            if not self._warned:  # once per process, not once per file and page
                self._warned = True
                logger.warning(
                    "Static files such as %s are not collected: serving them from their "
                    "source folders. Run `manage.py collectstatic` for hashed, compressed, "
                    "cacheable names.",
                    name,
                )
            return name


# Not tagged "staticfiles": collectstatic runs those checks, and this one is about it.
@checks.register()
def check_static_files_collected(app_configs, **kwargs):
    """Warn at start (runserver, serve, check) when the manifest storage has no manifest."""
    storage = storages["staticfiles"]
    if settings.DEBUG or not isinstance(storage, ManifestStaticFilesStorage):
        return []
    if storage.hashed_files:
        return []
    return [
        checks.Warning(
            "Static files have not been collected: pages use their plain names, served "
            "uncompressed from the source folders.",
            hint="Run `manage.py collectstatic --noinput` (make run does it).",
            id="cryptoflexs.W001",
        )
    ]
