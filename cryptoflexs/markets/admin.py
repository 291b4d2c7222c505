from django.contrib import admin
from django.utils import timezone

from .formatting import usd
from .models import Coin, ProviderState


@admin.register(Coin)
class CoinAdmin(admin.ModelAdmin):
    list_display = ["name", "ticker", "rank", "in_ticker", "is_active", "price", "price_as_of"]
    list_editable = ["rank", "in_ticker", "is_active"]
    list_filter = ["in_ticker", "is_active", "ambiguous_name", "ambiguous_ticker"]
    list_select_related = ["quote"]
    search_fields = ["name", "ticker", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "ticker", "slug", "description", "rank", "in_ticker",
                           "is_active"]}),
        ("Finding mentions in articles and feeds",
         {"fields": ["aliases", "ambiguous_name", "ambiguous_ticker"]}),
        ("Price providers", {"fields": ["coingecko_id", "binance_symbol"]}),
    ]  # fmt: skip

    @admin.display(description="price")
    def price(self, obj):
        quote = getattr(obj, "quote", None)
        if quote is None:
            return "—"
        return f"{usd(quote.price)}{' (demo)' if quote.source == 'demo' else ''}"

    @admin.display(description="as of")
    def price_as_of(self, obj):
        quote = getattr(obj, "quote", None)
        return timezone.localtime(quote.as_of).strftime("%Y-%m-%d %H:%M") if quote else "—"


@admin.register(ProviderState)
class ProviderStateAdmin(admin.ModelAdmin):
    """How the market-data provider is doing (read-only: the refresh tasks write it)."""

    list_display = ["name", "last_success_at", "failures", "backoff_until", "last_error",
                    "last_error_at"]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
