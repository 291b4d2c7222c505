"""The /ready/ check of market data: how old the newest price is. Stale prices warn (the
pages still answer, marked "out of date"); they never take the machine out of rotation."""

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from cryptoflexs.core import readiness

from .models import ProviderState, Quote, Source


def prices_check() -> dict:
    provider = settings.MARKET_DATA_PROVIDER.strip().lower() or "off"
    newest = Quote.objects.exclude(source=Source.DEMO).aggregate(at=Max("as_of"))["at"]
    state = ProviderState.objects.filter(name=provider).first()
    figures = {"provider": provider}
    if state is not None and state.failures:
        figures.update(failures=state.failures, last_error=state.last_error)
    if provider in ("off", "none", "demo"):
        return {"status": readiness.OK, **figures, "note": "market data is turned off"}
    age = (timezone.now() - newest).total_seconds() if newest else None
    return readiness.age_check(age, settings.MARKETS_STALE_AFTER_SECONDS, **figures)
