"""Cache invalidation only: directory pages change when an approved listing does."""

from django.db.models.signals import post_delete, post_init, post_save

from cryptoflexs.core.cache import content_changed

from .models import Listing

APPROVED = Listing.Status.APPROVED


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
    post_init.connect(_remember_status, sender=Listing, dispatch_uid="directory-init")
    post_save.connect(_saved, sender=Listing, dispatch_uid="cache-Listing-save")
    post_delete.connect(_deleted, sender=Listing, dispatch_uid="cache-Listing-delete")
