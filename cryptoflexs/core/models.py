from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from .html import sanitize_html

# Top-level paths the site itself uses: a page or an article may not take one as its slug.
RESERVED_SLUGS = frozenset(
    {
        "admin", "api", "author", "category", "tag", "search", "static", "media", "feed",
        "page", "preview", "sitemap", "robots", "health", "accounts", "newsletter", "submit",
        "directory", "contact", "comments", "coin", "coins", "markets",
    }
)  # fmt: skip


def validate_not_reserved(slug: str) -> None:
    """Refuse slugs that would shadow one of the site's own top-level paths."""
    if slug in RESERVED_SLUGS:
        raise ValidationError(f"“{slug}” is used by the site itself; choose another slug.")
    if len(slug) == 4 and slug.isdigit():
        raise ValidationError(f"“{slug}” is the address of a year archive; choose another slug.")


class SiteSettings(models.Model):
    """The outlet's identity: one row, edited in the admin."""

    name = models.CharField(max_length=100, default="Crypto Flexs")
    tagline = models.CharField(max_length=200, blank=True)
    about = models.TextField(
        "about blurb", blank=True, help_text="Shown in the footer of every page."
    )
    contact_email = models.EmailField(blank=True, help_text="Shown in the footer.")
    copyright_holder = models.CharField(
        max_length=100, blank=True, help_text="Defaults to the site name."
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "SiteSettings":
        """Return the settings row, creating it with defaults on first use."""
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class Page(models.Model):
    """A static page such as About Us or Privacy Policy."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, validators=[validate_not_reserved])
    body_html = models.TextField("body", blank=True, help_text="HTML; unsafe markup is removed.")
    show_in_footer = models.BooleanField(default=True)
    footer_order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["footer_order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = sanitize_html(self.body_html)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:by_slug", kwargs={"slug": self.slug})

    def clean(self):
        # Pages and articles share the /<slug>/ addresses.
        article_model = apps.get_model("articles", "Article")
        if self.slug and article_model.objects.filter(slug=self.slug).exists():
            raise ValidationError({"slug": "An article already uses this address."})


class MenuLink(models.Model):
    """A menu entry that is not a category (e.g. DIRECTORY or SUBMIT), placed among them."""

    label = models.CharField(max_length=60)
    url = models.CharField(
        max_length=300, help_text="A path on this site such as /submit/, or a full URL."
    )
    menu_order = models.PositiveSmallIntegerField(
        default=0, help_text="Position among the top-level categories (lower comes first)."
    )

    class Meta:
        ordering = ["menu_order", "label"]

    def __str__(self):
        return self.label
