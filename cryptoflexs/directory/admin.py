from pathlib import PurePosixPath

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html

from cryptoflexs.core.images import EXTENSIONS, validate_image
from cryptoflexs.core.uploads import UploadErrorsAdminMixin

from . import services
from .models import Listing


class ListingAdminForm(forms.ModelForm):
    website = forms.URLField(max_length=300, assume_scheme="https")

    class Meta:
        model = Listing
        fields = [
            *("name", "slug", "kind", "website", "description", "logo", "coins", "status"),
            *("verified_at", "last_checked_at", "submitter_name", "submitter_email"),
        ]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload
            info = validate_image(logo)
            # Named by what it is, never by the uploader's name: a GIF called "x.pdf" would
            # be served as application/pdf (#15).
            stem = PurePosixPath(logo.name.replace("\\", "/")).stem.lstrip(".")[:60] or "logo"
            logo.name = stem + EXTENSIONS[info.format]
        return logo


@admin.register(Listing)
class ListingAdmin(UploadErrorsAdminMixin, admin.ModelAdmin):
    form = ListingAdminForm
    list_display = ["name", "kind", "status", "website_link", "verified_at", "last_checked_at",
                    "created_at"]  # fmt: skip
    list_filter = ["status", "kind"]
    waiting = [("directory suggestions to review", {"status__exact": "pending"})]
    search_fields = ["name", "description", "coins", "website"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["ip_address", "created_at", "updated_at"]
    actions = ["approve", "reject", "delete_selected"]

    @admin.display(description="website")
    def website_link(self, obj):
        return format_html(
            '<a href="{}" rel="noopener noreferrer">{}</a>', obj.website, obj.website
        )

    def changelist_view(self, request, extra_context=None):
        pending = Listing.objects.filter(status=Listing.Status.PENDING).count()
        extra_context = {
            **(extra_context or {}),
            "title": f"Directory listings — {pending} pending review",
        }
        return super().changelist_view(request, extra_context)

    @admin.action(description="Approve selected listings", permissions=["change"])
    def approve(self, request, queryset):
        count = services.listings_set_status(listings=queryset, status=Listing.Status.APPROVED)
        self.message_user(request, f"{count} approved.", messages.SUCCESS)

    @admin.action(description="Reject selected listings", permissions=["change"])
    def reject(self, request, queryset):
        count = services.listings_set_status(listings=queryset, status=Listing.Status.REJECTED)
        self.message_user(request, f"{count} rejected.", messages.SUCCESS)
