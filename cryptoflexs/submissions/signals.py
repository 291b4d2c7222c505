"""Cache invalidation only: the Sponsored label of an article changes with its submission."""

from django.db.models.signals import post_delete, post_save

from cryptoflexs.core.cache import content_changed

from .models import Submission


def _changed(sender, instance, **kwargs):
    if instance.article_id:
        content_changed()


def connect() -> None:
    post_save.connect(_changed, sender=Submission, dispatch_uid="cache-Submission-save")
    post_delete.connect(_changed, sender=Submission, dispatch_uid="cache-Submission-delete")
