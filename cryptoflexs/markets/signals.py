"""Cache invalidation: a coin edited in the admin changes the registry (article coin
links, ingest's matching), the coin pages and every cached page that links coins; a price
at publication changes its article's page."""

from django.db.models.signals import post_delete, post_save

from cryptoflexs.core.cache import content_changed

from .models import Coin, PublicationPrice
from .registry import registry_changed
from .services import market_changed


def _coin_changed(sender, **kwargs):
    registry_changed()
    market_changed()
    content_changed()


def _publication_price_changed(sender, **kwargs):
    content_changed()


def connect() -> None:
    post_save.connect(_coin_changed, sender=Coin, dispatch_uid="markets-coin-save")
    post_delete.connect(_coin_changed, sender=Coin, dispatch_uid="markets-coin-delete")
    post_save.connect(
        _publication_price_changed, sender=PublicationPrice, dispatch_uid="markets-pubprice"
    )
