"""Coins and their market data: the latest quote, the spot series, candles, the price
stored when an article is published, and each provider's health."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from cryptoflexs.articles.models import Article


class CoinQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Coin(models.Model):
    """A coin we tag in articles and show prices for. The matching rules (names, aliases,
    ambiguity) feed the registry that tells real mentions from look-alikes."""

    name = models.CharField(max_length=100)
    ticker = models.CharField(
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9]{2,12}$", "Capital letters and digits only.")],
    )
    slug = models.SlugField(max_length=100, unique=True, help_text="The coin's page: /coin/slug/.")
    aliases = models.CharField(
        max_length=500,
        blank=True,
        help_text="Other names that count as a mention, separated by commas (e.g. XBT, satoshis).",
    )
    ambiguous_name = models.BooleanField(
        default=False,
        help_text="The name is also an ordinary word (Avalanche, Stellar): it counts only "
        "beside crypto words or another coin.",
    )
    ambiguous_ticker = models.BooleanField(
        default=False,
        help_text="The ticker is also an ordinary word (ONE, LINK, SOL): in capitals it counts "
        "only beside crypto words or another coin; $TICKER always counts.",
    )
    description = models.TextField(blank=True, help_text="Shown on the coin's page.")
    rank = models.PositiveIntegerField(
        default=1000, help_text="Order in lists and in the ticker (smaller first)."
    )
    in_ticker = models.BooleanField("in the ticker", default=False)
    is_active = models.BooleanField(
        "active", default=True, help_text="Inactive coins are neither tagged nor shown."
    )
    coingecko_id = models.CharField("CoinGecko id", max_length=100, blank=True)
    binance_symbol = models.CharField(
        "Binance symbol", max_length=30, blank=True, help_text="A USDT pair, e.g. BTCUSDT."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoinQuerySet.as_manager()

    class Meta:
        ordering = ["rank", "name"]

    def __str__(self):
        return f"{self.name} ({self.ticker})"

    def get_absolute_url(self):
        return reverse("markets:coin", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.split(",") if a.strip()]


class Source(models.TextChoices):
    COINGECKO = "coingecko", "CoinGecko"
    BINANCE = "binance", "Binance"
    DEMO = "demo", "Demo data"


class Quote(models.Model):
    """The last good price of a coin: what pages show, whatever the provider does now."""

    coin = models.OneToOneField(Coin, on_delete=models.CASCADE, primary_key=True)
    price = models.FloatField(help_text="US dollars")
    change_24h = models.FloatField(null=True, blank=True, help_text="Percent")
    market_cap = models.FloatField(null=True, blank=True)
    volume_24h = models.FloatField(null=True, blank=True)
    as_of = models.DateTimeField(help_text="When the provider last updated this price.")
    fetched_at = models.DateTimeField()
    source = models.CharField(max_length=20, choices=Source.choices)

    def __str__(self):
        return f"{self.coin.ticker} {self.price} ({self.as_of:%Y-%m-%d %H:%M})"


class PricePoint(models.Model):
    """One spot price per refresh: the fine-grained series, kept for
    MARKETS_POINT_RETENTION_HOURS (it is folded into hourly candles as it arrives)."""

    coin = models.ForeignKey(Coin, on_delete=models.CASCADE, related_name="points")
    at = models.DateTimeField()
    price = models.FloatField()
    change_24h = models.FloatField(null=True)
    market_cap = models.FloatField(null=True)
    volume_24h = models.FloatField(null=True)
    source = models.CharField(max_length=20, choices=Source.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["coin", "at"], name="pricepoint_coin_at")]
        indexes = [models.Index(fields=["at"], name="pricepoint_at_idx")]

    def __str__(self):
        return f"{self.coin_id} {self.price} at {self.at:%Y-%m-%d %H:%M}"


class Candle(models.Model):
    """Open/high/low/close of one hour or one day. Hourly candles older than
    MARKETS_HOURLY_RETENTION_DAYS are folded into daily ones and deleted."""

    class Interval(models.TextChoices):
        HOUR = "1h", "hour"
        DAY = "1d", "day"

    coin = models.ForeignKey(Coin, on_delete=models.CASCADE, related_name="candles")
    interval = models.CharField(max_length=2, choices=Interval.choices)
    start = models.DateTimeField()
    open = models.FloatField()
    high = models.FloatField()
    low = models.FloatField()
    close = models.FloatField()
    # Dollar volume of the period (Binance) or the rolling 24 h volume at its close (CoinGecko).
    volume = models.FloatField(null=True)
    market_cap = models.FloatField(null=True)
    source = models.CharField(max_length=20, choices=Source.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coin", "interval", "start"], name="candle_coin_interval_start"
            ),
            models.CheckConstraint(
                condition=models.Q(low__lte=models.F("high")), name="candle_low_le_high"
            ),
        ]
        indexes = [models.Index(fields=["interval", "start"], name="candle_interval_start_idx")]

    def __str__(self):
        return f"{self.coin_id} {self.interval} {self.start:%Y-%m-%d %H:%M}"


class PublicationPrice(models.Model):
    """A coin's price when an article was published: written once, never updated."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    coin = models.ForeignKey(Coin, on_delete=models.CASCADE, related_name="+")
    price = models.FloatField()
    as_of = models.DateTimeField(help_text="When the provider had this price.")
    recorded_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "coin"], name="publicationprice_once")
        ]

    def __str__(self):
        return f"{self.coin_id} {self.price} at publication of {self.article_id}"


class ProviderState(models.Model):
    """How a market-data provider is doing, shared by every worker: consecutive failures,
    and the time before which nobody asks it again (backoff, or its Retry-After)."""

    name = models.CharField(max_length=20, primary_key=True)
    failures = models.PositiveIntegerField(default=0)
    backoff_until = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.name
