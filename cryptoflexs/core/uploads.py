"""A full upload disk in the back office is a form error, not a 500 (#15, item 10)."""

import errno
import logging

from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
DISK_FULL_MESSAGE = (
    "The file could not be stored: the storage for uploads is full. Nothing was saved, and "
    "your other entries are still below. Ask an administrator to free some space, then "
    "choose the file and save again."
)


class UploadErrorsAdminMixin:
    """For a ModelAdmin whose form stores files: when storing fails because the disk is
    full, the whole save is rolled back (the admin's transaction) and the form is shown
    again with the reason, instead of an error page. The storage (SafeFileSystemStorage)
    has already removed what it half-wrote."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError as exc:
            if request.method != "POST" or exc.errno not in DISK_FULL:
                raise
            logger.error("Upload refused, the media disk is full: %s", exc)
            request._upload_error = DISK_FULL_MESSAGE
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        error = getattr(request, "_upload_error", None)
        if not error:
            return base

        class UploadFailedForm(base):
            def clean(self):
                super().clean()
                raise ValidationError(error, code="storage_full")

        return UploadFailedForm
