from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from .html import sanitize_html
from .slugs import RESERVED_SLUGS, slug_claimed, slug_reserved

__all__ = ["RESERVED_SLUGS", "MenuLink", "Page", "SiteSettings", "validate_not_reserved"]


def validate_not_reserved(slug: str) -> None:
    """Refuse slugs that would shadow one of the site's own top-level paths."""
    # Defined here, not in slugs.py: migrations name this function by its module.
    reason = slug_reserved(slug)
    if reason:
        raise ValidationError(reason)


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
        # Pages, articles and old article addresses share /<slug>/ (core/slugs.py).
        reason = self.slug and slug_claimed(self.slug, owner=self, skip="pages")
        if reason:
            raise ValidationError({"slug": reason})


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
