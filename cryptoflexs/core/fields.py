"""Model fields shared by the apps."""

import logging

from django.db import models

logger = logging.getLogger(__name__)


class ImageField(models.ImageField):
    """An ImageField whose width and height columns are filled when the row is saved, and
    whose file is never opened when a row is loaded.

    Django's ImageField opens the file of every loaded row whose size columns are empty
    (post_init), so a list of articles opened every image, and one missing file made the
    page fail (#15, item 3). Here the size is read on assignment and on save, and a file
    that cannot be read leaves the columns empty instead of raising.
    """

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        if not force:
            return  # a row being loaded: the stored size is what there is
        try:
            super().update_dimension_fields(instance, True, *args, **kwargs)
        except OSError as exc:  # a missing or unreadable file
            logger.warning(
                "Could not read the size of %s: %s", getattr(instance, self.attname), exc
            )

    def pre_save(self, model_instance, add):
        file = super().pre_save(model_instance, add)
        missing = [f for f in (self.width_field, self.height_field) if f]
        if file and any(getattr(model_instance, f) is None for f in missing):
            try:
                width, height = file.width, file.height
            except OSError as exc:
                logger.warning("Could not read the size of %s: %s", file.name, exc)
            else:
                if self.width_field:
                    setattr(model_instance, self.width_field, width)
                if self.height_field:
                    setattr(model_instance, self.height_field, height)
        return file
