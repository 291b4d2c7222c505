"""The media library in the back office: a list with thumbnails, uploads through the same
image checks as featured images, and the JSON the article editor's image picker reads."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST

from cryptoflexs.core.images import ACCEPT, validate_image

from . import services
from .models import MediaImage

# What the picker shows at once; the search box finds older ones.
LIBRARY_PAGE = 48
# The copy an article body links to: wide enough for the article column on a 2x screen.
BODY_WIDTH = 1200
THUMB_WIDTH = 200


def media_json(media: MediaImage) -> dict:
    url, width, height = media.copy_for(BODY_WIDTH)
    thumb = media.copy_for(THUMB_WIDTH)[0]
    return {
        "id": media.pk,
        "name": str(media),
        "alt": media.alt,
        "url": url,
        "width": width,
        "height": height,
        "thumb": thumb,
    }


def _messages(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class MediaImageForm(forms.ModelForm):
    class Meta:
        model = MediaImage
        fields = ["image", "alt"]
        # Our checks, not Pillow's defaults with their own message (as the article form).
        field_classes = {"image": forms.FileField}
        widgets = {"image": forms.ClearableFileInput(attrs={"accept": ACCEPT})}

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload is not None and hasattr(upload, "content_type"):
            validate_image(upload)
        return upload


@admin.register(MediaImage)
class MediaImageAdmin(admin.ModelAdmin):
    form = MediaImageForm
    list_display = ["thumbnail", "__str__", "alt", "dimensions", "uploaded_by", "uploaded_at"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["image", "alt"]
    list_per_page = 60

    def get_fields(self, request, obj=None):
        return ["image", "alt"] if obj is None else ["preview", "address", "alt", "dimensions"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["preview", "address", "dimensions"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["alt"])
            return
        upload = form.cleaned_data["image"]
        media = services.media_image_create(
            uploaded_file=upload, filename=upload.name, alt=obj.alt, by=request.user
        )
        # The admin goes on with `obj` (its messages and redirect): make it the stored row.
        for field in MediaImage._meta.concrete_fields:
            setattr(obj, field.attname, getattr(media, field.attname))
        obj._state.adding = False

    @admin.display(description="Image")
    def thumbnail(self, obj):
        url = obj.copy_for(THUMB_WIDTH)[0]
        return format_html('<img src="{}" class="media-thumb" alt="" width="100">', url)

    @admin.display(description="Image")
    def preview(self, obj):
        url, width, height = obj.copy_for(800)
        return format_html(
            '<img src="{}" width="{}" height="{}" class="media-preview" alt="{}">',
            url, width, height, obj.alt,
        )  # fmt: skip

    @admin.display(description="Address")
    def address(self, obj):
        return format_html('<a href="{0}">{0}</a>', obj.image.url)

    @admin.display(description="Size")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}"

    # --- the article editor's picker ---------------------------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("library/", view(self.library_view), name="editorial_mediaimage_library"),
            path("upload/", view(self.upload_view), name="editorial_mediaimage_upload"),
            *super().get_urls(),
        ]

    def library_view(self, request):
        return require_GET(self._library)(request)

    def upload_view(self, request):
        return require_POST(self._upload)(request)

    def _library(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = MediaImage.objects.all()
        query = request.GET.get("q", "").strip()
        if query:
            images = images.filter(Q(image__icontains=query) | Q(alt__icontains=query))
        return JsonResponse({"images": [media_json(m) for m in images[:LIBRARY_PAGE]]})

    def _upload(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        upload = request.FILES.get("file")
        if upload is None:
            return JsonResponse({"error": "Choose an image file to upload."}, status=400)
        try:
            media = services.media_image_create(
                uploaded_file=upload,
                filename=upload.name,
                alt=request.POST.get("alt", ""),
                by=request.user,
            )
        except ValidationError as exc:
            return JsonResponse({"error": _messages(exc)}, status=400)
        return JsonResponse(media_json(media), status=201)
