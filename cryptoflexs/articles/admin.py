from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from cryptoflexs.core.images import ACCEPT, delete_quietly, validate_image
from cryptoflexs.core.uploads import UploadErrorsAdminMixin

from . import services
from .models import Article, ArticleRedirect, Author, Category, Story, StoryDecision, Tag
from .stories import story_merge, story_split


class CategoryTreeFilter(admin.RelatedFieldListFilter):
    """The category filter with names from the root ("Crypto › Bitcoin"), in one query."""

    def field_choices(self, field, request, model_admin):
        categories = Category.objects.select_related("parent__parent").order_by("path")
        return [(c.pk, str(c)) for c in categories]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "show_in_menu", "menu_order"]
    list_select_related = ["parent__parent"]
    list_editable = ["show_in_menu", "menu_order"]
    list_filter = ["show_in_menu", "parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["path"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        # The admin replaces this with the fields of its fieldsets.
        fields = ["featured_image", "featured_image_alt", "featured_image_credit"]
        # Django's ImageField would decode the upload with Pillow's global limits and its
        # own message before clean_featured_image() runs: the checks are ours alone.
        field_classes = {"featured_image": forms.FileField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        image = self.instance.featured_image
        self.stored_featured_image = (
            image.name or "",
            self.instance.featured_image_width,
            self.instance.featured_image_height,
        )
        self.featured_image_upload = None
        if "featured_image" in self.fields:
            field = self.fields["featured_image"]
            field.widget.attrs.setdefault("accept", ACCEPT)
            field.max_length = None  # a long file name is shortened by the service, not refused

    def clean_featured_image(self):
        value = self.cleaned_data.get("featured_image")
        if isinstance(value, UploadedFile):
            validate_image(value)
            # Kept on the instance until save_model() so that the publish checklist sees
            # an image; the service stores it.
            self.featured_image_upload = value
            return value
        if value:
            # The stored image, unchanged. None makes the form leave it alone; assigning
            # it back would re-read the file from storage for its size.
            return None
        return value

    def _get_validation_exclusions(self):
        # Model validation would assign the field back to itself, and the ImageField then
        # re-reads the stored file for its size: an error page when that file is missing,
        # the very case in which an editor comes to replace it. clean_featured_image() and
        # the service check everything model validation would.
        return {*super()._get_validation_exclusions(), "featured_image"}


@admin.register(Article)
class ArticleAdmin(UploadErrorsAdminMixin, admin.ModelAdmin):
    """Articles in the back office; the editorial app registers its workflow on top."""

    form = ArticleAdminForm
    list_display = [
        "title",
        "status_badge",
        "category_label",
        "author",
        "published",
        "top_insight",
        "view_link",
    ]
    list_filter = [
        "status",
        "is_top_insight",
        "comments_open",
        ("category", CategoryTreeFilter),
        "author",
        "published_at",
    ]
    # The admin index's "Waiting for you" (cryptoflexs/core/templatetags/admin_waiting.py).
    waiting = [
        ("articles in review", {"status__exact": Article.Status.IN_REVIEW}),
        ("articles scheduled", {"status__exact": Article.Status.SCHEDULED}),
    ]
    list_select_related = ["category__parent__parent", "author"]
    search_fields = ["title", "slug", "excerpt"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    autocomplete_fields = ["tags", "author"]
    list_per_page = 50
    save_on_top = True
    actions = ["mark_top_insight", "unmark_top_insight"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "excerpt", "body_html"]}),
        ("Publishing", {"fields": ["status", "published_at", "author", "category", "tags"]}),
        (
            "Featured image",
            {"fields": ["featured_image", "featured_image_alt", "featured_image_credit"]},
        ),
        ("Options", {"fields": ["is_top_insight", "comments_open", "sponsored"]}),
        (
            "SEO",
            {
                "fields": ["seo_title", "seo_description"],
                "classes": ["collapse"],
                "description": "For search engines and social cards; empty: the title and excerpt.",
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        upload = getattr(form, "featured_image_upload", None)
        stored_name, stored_width, stored_height = getattr(
            form, "stored_featured_image", ("", None, None)
        )
        stale = []
        if upload is not None:
            # The row keeps its current image until the service replaces it (and deletes the
            # old files after commit). Set through __dict__, as a row loaded from the database
            # is: the descriptor would re-read the old file, which may be the missing one
            # the editor is replacing.
            vars(obj)["featured_image"] = stored_name
            obj.featured_image_width, obj.featured_image_height = stored_width, stored_height
        elif stored_name and not obj.featured_image:  # "Clear" was ticked
            stale = [stored_name, *(r.get("name") for r in obj.featured_image_renditions or ())]
            obj.featured_image_renditions = []
        if change:
            services.article_update(article=obj)
        else:
            services.article_create(article=obj)
        if upload is not None:
            # In the admin's transaction, not after it: a failure rolls the whole save back
            # (the service removes its files), and the old files go only if it all commits.
            services.article_set_featured_image(
                article=obj,
                uploaded_file_or_bytes=upload,
                filename=upload.name,
                alt=obj.featured_image_alt,
                credit=obj.featured_image_credit,
            )
        for name in stale:
            transaction.on_commit(partial(delete_quietly, obj.featured_image.storage, name))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            kwargs["queryset"] = Category.objects.select_related("parent__parent").order_by("path")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="status-badge status-badge--{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    @admin.display(description="Category", ordering="category__path")
    def category_label(self, obj):
        return str(obj.category) if obj.category_id else "—"

    @admin.display(description="Published", ordering="published_at")
    def published(self, obj):
        if obj.published_at is None:
            return "—"
        local = timezone.localtime(obj.published_at)
        # Date and time may sit on two lines, never split themselves.
        return format_html(
            '<time datetime="{}"><span class="nowrap">{}</span> '
            '<span class="nowrap">{}</span></time>',
            obj.published_at.isoformat(),
            date_format(local, "j M Y"),
            date_format(local, "H:i"),
        )

    @admin.display(description="Top", boolean=True, ordering="is_top_insight")
    def top_insight(self, obj):
        return obj.is_top_insight

    @admin.display(description="On site")
    def view_link(self, obj):
        return format_html('<a href="{}">view</a>', obj.get_absolute_url())

    @admin.action(description="Mark as Top Insight")
    def mark_top_insight(self, request, queryset):
        updated = queryset.update(is_top_insight=True)
        self.message_user(request, f"{updated} article(s) marked as Top Insight.")

    @admin.action(description="Remove from Top Insights")
    def unmark_top_insight(self, request, queryset):
        updated = queryset.update(is_top_insight=False)
        self.message_user(request, f"{updated} article(s) removed from Top Insights.")


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "article", "created_at"]
    search_fields = ["old_path", "article__title"]
    raw_id_fields = ["article"]


class StoryArticleForm(forms.ModelForm):
    split_off = forms.BooleanField(
        required=False,
        label="split off",
        help_text="Into a story of its own, with the others ticked.",
    )

    class Meta:
        model = Article
        fields = []


class StoryArticleInline(admin.TabularInline):
    model = Article
    form = StoryArticleForm
    fields = ["title", "source_name", "status", "published_at", "story_lead", "split_off"]
    readonly_fields = ["title", "source_name", "status", "published_at", "story_lead"]
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    ordering = ["published_at", "pk"]
    verbose_name = "article of this story"
    verbose_name_plural = "articles of this story (the lead is the one lists show)"


class StoryDecisionInline(admin.TabularInline):
    model = StoryDecision
    fields = ["action", "from_story_key", "article_ids", "by", "at"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    """One event told by several articles. Tick articles and save to split them off; select
    stories in the list and choose “Merge” to make them one. Both are recorded, and no later
    ingest undoes them."""

    list_display = ["__str__", "headline", "size", "first_seen_at"]
    search_fields = ["key", "articles__title"]
    readonly_fields = ["key", "first_seen_at"]
    fields = ["key", "first_seen_at"]
    inlines = [StoryArticleInline, StoryDecisionInline]
    actions = ["merge_stories"]

    def get_queryset(self, request):
        from django.db.models import Count, Min

        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("articles"), first_title=Min("articles__title"))
        )

    @admin.display(description="articles", ordering="article_count")
    def size(self, obj):
        return obj.article_count

    @admin.display(description="a headline")
    def headline(self, obj):
        return obj.first_title or "—"

    def has_add_permission(self, request):
        return False  # stories come from aggregation, splits and merges

    def save_formset(self, request, form, formset, change):
        if formset.model is not Article:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # nothing to save: the admin's change message needs it
        chosen = [f.instance for f in formset.forms if f.cleaned_data.get("split_off")]
        if not chosen:
            return None
        try:
            new = story_split(story=form.instance, articles=chosen, by=request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), level=messages.ERROR)
            return None
        self.message_user(request, f"{len(chosen)} article(s) split off into {new}.")
        return None

    @admin.action(description="Merge selected stories into one")
    def merge_stories(self, request, queryset):
        try:
            target = story_merge(stories=list(queryset), by=request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), level=messages.ERROR)
            return
        self.message_user(request, f"Merged into {target}.")
