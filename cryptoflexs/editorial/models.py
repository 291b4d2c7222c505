from django.conf import settings
from django.db import models
from django.utils import timezone

from cryptoflexs.articles.models import Article


class ArticleTransition(models.Model):
    """One step of an article through the workflow: who moved it, from where, to where, when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(max_length=20, choices=Article.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the system (the scheduler) made the change.",
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["article", "-at"], name="transition_article_at_idx")]

    def __str__(self):
        return f"{self.article_id}: {self.from_status} → {self.to_status}"


class ArticleRevision(models.Model):
    """A snapshot of an article's editable content, kept on every save."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    title = models.CharField(max_length=300)
    slug = models.CharField(max_length=200)
    excerpt = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    category_id = models.BigIntegerField(null=True)
    tag_ids = models.JSONField(default=list)
    featured_image_alt = models.CharField(max_length=300, blank=True)
    featured_image_credit = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number")
        ]

    def __str__(self):
        return f"Revision {self.number} of “{self.title}”"


class MediaImage(models.Model):
    """An image uploaded for article bodies: the media library the editor's picker shows."""

    image = models.ImageField(
        upload_to="media/%Y/%m/", width_field="width", height_field="height", max_length=200
    )
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    # Smaller WebP copies, as for featured images: [{"width", "height", "name"}].
    renditions = models.JSONField(default=list, blank=True, editable=False)
    alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="Offered as the image's alt text each time it is inserted into an article.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "media image"

    def __str__(self):
        return self.image.name.rsplit("/", 1)[-1]

    def copy_for(self, width: int) -> tuple[str, int, int]:
        """Return the URL, width and height of the smallest copy at least `width` wide."""
        for rendition in sorted(self.renditions or (), key=lambda r: r["width"]):
            if rendition["width"] >= width:
                url = self.image.storage.url(rendition["name"])
                return url, rendition["width"], rendition["height"]
        return self.image.url, self.width, self.height
