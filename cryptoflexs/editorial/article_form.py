"""The article form as an editor sees it: a rich-text body with an image picker, the
featured image as a thumbnail, and a draft that saves with nothing but a title."""

from django.contrib.admin.widgets import AdminFileWidget
from django.urls import reverse
from django.utils.html import escape, format_html

from cryptoflexs.articles.models import Article
from cryptoflexs.articles.slugs import slug_allocate

from .editor import body_widget, markup_the_editor_would_lose

THUMBNAIL_WIDTH = 200


class ImageThumbnailInput(AdminFileWidget):
    """A file input that shows the stored image, not its path, and previews a new choice."""

    thumbnail: tuple[str, int, int] | None = None  # url, width, height; set by the form

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "data-image-preview": "true"}
        control = super().render(name, value, attrs, renderer)
        if self.thumbnail is None:
            return format_html(
                '<div class="image-field">{}<img class="image-field__preview" alt="" hidden></div>',
                control,
            )
        url, width, height = self.thumbnail
        shown = min(width, THUMBNAIL_WIDTH)
        return format_html(
            '<div class="image-field"><img class="image-field__preview" src="{}" width="{}" '
            'height="{}" alt="The current featured image">{}</div>',
            url, shown, round(height * shown / width) if width else shown, control,
        )  # fmt: skip


def _thumbnail_of(article: Article) -> tuple[str, int, int] | None:
    if not article.featured_image:
        return None
    for rendition in sorted(article.featured_image_renditions or (), key=lambda r: r["width"]):
        if rendition["width"] >= THUMBNAIL_WIDTH:
            return (
                article.featured_image.storage.url(rendition["name"]),
                rendition["width"],
                rendition["height"],
            )
    width, height = article.featured_image_width or 0, article.featured_image_height or 0
    return article.featured_image.url, width, height


class EditorFormMixin:
    """ModelAdmin mixin: the article form's editor, image widgets and title-only drafts."""

    class Media:
        css = {"all": ["css/admin-editor.css"]}
        js = ["js/admin-editor.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "featured_image":
            kwargs["widget"] = ImageThumbnailInput
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            field.required = False
            field.help_text = "The article's address: /slug/. Empty: made from the title."
        return field

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)

        class EditorForm(base):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                body = self.fields.get("body_html")
                if body is not None:
                    html = self.data.get("body_html") if self.is_bound else None
                    html = self.instance.body_html if html is None else html
                    body.widget = body_widget(html)
                    body.widget.attrs.update(
                        {
                            "data-media-library": reverse("admin:editorial_mediaimage_library"),
                            "data-media-upload": reverse("admin:editorial_mediaimage_upload"),
                        }
                    )
                    lost = markup_the_editor_would_lose(html)
                    if lost:
                        # The admin shows help texts as HTML: the tag names are escaped.
                        body.help_text = escape(
                            "Edited as HTML: the visual editor would drop markup this body "
                            f"uses ({', '.join(f'<{t}>' for t in lost)}). Unsafe markup is "
                            "still removed on save."
                        )
                image = self.fields.get("featured_image")
                if image is not None:
                    image.widget.thumbnail = _thumbnail_of(self.instance)

            def clean(self):
                cleaned = super().clean()
                if "slug" in self.fields and not cleaned.get("slug") and cleaned.get("title"):
                    # The articles' one slug rule (articles/slugs.py).
                    owner = self.instance if self.instance.pk else None
                    cleaned["slug"] = slug_allocate(cleaned["title"], article=owner)
                return cleaned

        return EditorForm
