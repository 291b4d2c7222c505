"""Cache invalidation only: pages change when an approved comment appears, changes or goes."""

from django.db.models.signals import post_delete, post_init, post_save

from cryptoflexs.core.cache import content_changed

from .models import Comment

APPROVED = Comment.Status.APPROVED


def _remember_status(sender, instance, **kwargs):
    instance._loaded_status = instance.__dict__.get("status")


def _saved(sender, instance, **kwargs):
    if APPROVED in (instance.status, getattr(instance, "_loaded_status", None)):
        content_changed()
    instance._loaded_status = instance.status


def _deleted(sender, instance, **kwargs):
    if instance.status == APPROVED:
        content_changed()


def connect() -> None:
    post_init.connect(_remember_status, sender=Comment, dispatch_uid="comments-init")
    post_save.connect(_saved, sender=Comment, dispatch_uid="cache-Comment-save")
    post_delete.connect(_deleted, sender=Comment, dispatch_uid="cache-Comment-delete")
