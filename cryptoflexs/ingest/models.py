"""Aggregation: the outlets we read (Source), each fetch (FetchLog) and each entry taken in
(IngestedEntry, unique by a full SHA-256 key). Which story an entry's article belongs to is
the articles' business (articles.Story); the pipeline only decides it for new entries."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from cryptoflexs.articles.models import Article, Category


class SourceQuerySet(models.QuerySet):
    def due(self, now=None):
        """Active sources whose next fetch time has come and that nobody is fetching."""
        now = now or timezone.now()
        return self.filter(active=True, next_fetch_at__lte=now).filter(
            Q(fetching_until__isnull=True) | Q(fetching_until__lt=now)
        )


class Source(models.Model):
    class Mode(models.TextChoices):
        EXCERPT = "excerpt", "Excerpt (title, summary and a link to the original)"
        FULL = "full", "Full text (only for sources that license it)"

    class Outcome(models.TextChoices):
        NEVER = "", "Never fetched"
        OK = "ok", "OK"
        NOT_MODIFIED = "not_modified", "Not modified"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=200, help_text="Credited on articles as “Source: …”.")
    feed_url = models.URLField("feed URL", max_length=1000, unique=True)
    site_url = models.URLField("site URL", max_length=1000, blank=True)
    default_category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Used when the classifier finds no category of its own.",
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.EXCERPT)
    auto_publish = models.BooleanField(
        default=False, help_text="Publish new entries at once instead of queueing them for review."
    )
    include_keywords = models.TextField(
        blank=True,
        help_text="One word or phrase a line: when set, only entries mentioning one are taken.",
    )
    exclude_keywords = models.TextField(
        blank=True, help_text="One word or phrase a line: entries mentioning one are rejected."
    )
    poll_interval = models.PositiveIntegerField(
        "poll interval (minutes)", default=30, help_text="How often the feed is fetched."
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Conditional GET (RFC 9110 §13.1): validators of the last 200 response.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)

    # Scheduling: when to fetch next, and a lease so that two workers never fetch one source
    # at once. A killed worker's lease simply expires.
    next_fetch_at = models.DateTimeField(default=timezone.now, db_index=True)
    fetching_until = models.DateTimeField(null=True, blank=True, editable=False)
    fetching_by = models.CharField(max_length=200, blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)

    last_fetch_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_outcome = models.CharField(
        max_length=20, choices=Outcome.choices, blank=True, editable=False
    )
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(max_length=500, blank=True, editable=False)
    # A parser warning (feedparser's bozo) on a feed whose entries were still usable.
    last_warning = models.CharField(max_length=500, blank=True, editable=False)

    entries_seen = models.PositiveIntegerField(default=0, editable=False)
    articles_created = models.PositiveIntegerField(default=0, editable=False)
    duplicates = models.PositiveIntegerField(default=0, editable=False)
    rejected = models.PositiveIntegerField(default=0, editable=False)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip().casefold() for line in text.splitlines() if line.strip()]

    @property
    def include_list(self) -> list[str]:
        return self._lines(self.include_keywords)

    @property
    def exclude_list(self) -> list[str]:
        return self._lines(self.exclude_keywords)


class FetchLog(models.Model):
    """One fetch of a source: what happened and what it brought (provenance)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="fetches")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Source.Outcome.choices, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True, help_text="The address finally fetched.")
    size = models.PositiveIntegerField(default=0)
    entries = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["source", "-started_at"], name="fetchlog_source_idx")]

    def __str__(self):
        return f"{self.source_id} at {self.started_at:%Y-%m-%d %H:%M}: {self.outcome}"


class IngestedEntry(models.Model):
    """A feed entry taken in once. `dedup_key` (a full SHA-256 hex digest of the GUID, else
    the canonical URL, else title + content) is unique: the same entry is never stored twice,
    however many runs or workers meet it."""

    dedup_key = models.CharField(max_length=64, unique=True)
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="entries")
    fetch = models.ForeignKey(
        FetchLog, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    article = models.OneToOneField(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="ingested_entry"
    )
    guid = models.CharField("GUID", max_length=1000, blank=True)
    url = models.URLField("original URL", max_length=1000, blank=True)
    title = models.CharField(max_length=300)
    # What the near-duplicate check compares (dedup.words of the title and of the start of
    # the text, space-separated), kept so that later entries compare without re-reading.
    title_words = models.TextField(blank=True)
    text_words = models.TextField(blank=True)
    # The specifics the same-story decision compares (clustering.features.Features.as_text:
    # names, amounts, coins, kind of headline).
    specifics = models.TextField(blank=True)
    feed_categories = models.JSONField(
        "outlet's categories", default=list, blank=True, help_text="The feed's own labels."
    )
    predicted_category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="What the classifier chose; an editor's different choice is a correction.",
    )
    classifier = models.CharField(
        max_length=40, blank=True, help_text="The classifier (model version) that chose it."
    )
    published_at = models.DateTimeField(db_index=True)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "ingested entries"
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title


class FeedCategory(models.Model):
    """How an outlet's own category label ("Bitcoin News", "Altcoins") maps to ours: a
    feature of the entries that carry it, and a training label (manage.py train_classifier).
    Labels without a row use the built-in table (ingest/classifier/labels.py)."""

    label = models.CharField(
        max_length=100,
        unique=True,
        help_text="As outlets write it; case, spaces and punctuation do not matter.",
    )
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty: the label says nothing about the category (e.g. “News”).",
    )

    class Meta:
        ordering = ["label"]
        verbose_name_plural = "feed categories"

    def __str__(self):
        return f"{self.label} → {self.category or '(ignored)'}"

    def save(self, *args, **kwargs):
        from .classifier.features import label_key

        self.label = label_key(self.label)[:100]
        super().save(*args, **kwargs)
