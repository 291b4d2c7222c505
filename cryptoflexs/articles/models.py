from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cryptoflexs.core.fields import ImageField
from cryptoflexs.core.html import sanitize_html, strip_control_chars
from cryptoflexs.core.models import validate_not_reserved
from cryptoflexs.core.reverse import reverse_one
from cryptoflexs.core.slugs import slug_claimed
from cryptoflexs.core.text import normalise_title, reading_minutes, word_count


class Author(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    bio = models.TextField(blank=True)
    avatar = models.ImageField(upload_to="authors/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The back-office account that writes as this author, if any.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_one("articles:author", "slug", self.slug)


class Category(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.TextField(blank=True)
    menu_order = models.PositiveSmallIntegerField(
        default=0, help_text="Position in the menu among its siblings (lower comes first)."
    )
    show_in_menu = models.BooleanField(default=False)
    # Materialised path ("crypto/bitcoin"), kept by save(): URLs and "this category and
    # everything under it" become one indexed lookup instead of a walk up the tree.
    path = models.CharField(max_length=500, unique=True, editable=False)

    class Meta:
        ordering = ["menu_order", "name"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "slug"], name="category_unique_slug_in_parent"
            ),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(parent=None), name="category_unique_root_slug"
            ),
        ]

    def __str__(self):
        """Return the names from the root down ("Crypto › Bitcoin"), as editors know them.

        Reads the parents: lists select_related("parent__parent") to keep it one query."""
        names, node = [], self
        while node is not None:
            names.append(node.name)
            node = node.parent if node.parent_id else None
        return " › ".join(reversed(names))

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def get_absolute_url(self):
        return reverse_one("articles:category", "path", self.path)

    def clean(self):
        if self.parent_id and self.slug in ("feed", "page"):
            # /category/<parent>/feed/ is the parent's feed.
            raise ValidationError({"slug": f"“{self.slug}” is used by the parent's pages."})
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "A category cannot sit inside itself."})
            node = node.parent

    def ancestors(self) -> list["Category"]:
        """Return the chain from the root down to this category (parents cached by the caller)."""
        chain, node = [], self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


class Tag(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_one("articles:tag", "slug", self.slug)


class Story(models.Model):
    """One event told by one or more articles (often copies from several outlets): lists,
    feeds, sitemaps and search show each story once, through its lead article (see
    `Article.story_lead`), and the article page says "Also reported by …". Aggregation
    decides which story a new entry joins; editors split and merge stories in the admin."""

    key = models.CharField(max_length=64, unique=True, editable=False)
    first_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-first_seen_at", "-pk"]

    def __str__(self):
        return f"Story {self.pk}"


class StoryDecision(models.Model):
    """An editor's split or merge of stories, kept so that nobody (and no ingest run)
    silently undoes it: aggregation never moves an article out of the story it is in."""

    class Action(models.TextChoices):
        SPLIT = "split", "Split off into a new story"
        MERGE = "merge", "Merged into this story"

    action = models.CharField(max_length=10, choices=Action.choices)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="decisions")
    # The story the articles came from (its key: a merged story is deleted).
    from_story_key = models.CharField(max_length=64, blank=True)
    article_ids = models.JSONField(default=list)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {len(self.article_ids)} article(s)"


class ArticleQuerySet(models.QuerySet):
    def one_per_story(self):
        """Narrow to the lead article of each story (and every article of no story): the one
        definition of "each story once" that lists, feeds, sitemaps and search share. A plain
        indexed filter, so pagination counts are right and cost no subquery."""
        return self.filter(story_lead=True)

    def published(self):
        """Articles readers may see: published, and not dated in the future."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """Join what a list of article cards shows, so a list costs a fixed number of queries."""
        return (
            self.select_related("category", "author")
            .defer("body_html")
            .order_by("-published_at", "-pk")
        )

    def in_category(self, category: Category):
        """Articles of `category` and of every category below it."""
        # The ids of the (small) subtree first, then `category_id IN (…)`: the article index
        # on (category, status, published_at) answers both the COUNT and the page. A join on
        # the path (or a subquery) made SQLite scan instead (10k: COUNT 88 -> 0.4 ms; 100k:
        # the first page 200 -> 17 ms against a subquery).
        subtree = list(
            Category.objects.filter(
                Q(pk=category.pk) | Q(path__startswith=category.path + "/")
            ).values_list("pk", flat=True)
        )
        return self.filter(category_id__in=subtree)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        validators=[validate_not_reserved],
        help_text="The article's address: /slug/.",
    )
    excerpt = models.TextField(
        blank=True, help_text="One or two sentences for lists, feeds and search results."
    )
    body_html = models.TextField("body", blank=True, help_text="HTML; unsafe markup is removed.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Shown as the article's date. A future date hides it until then.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)
    author = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    # Empty only while the article is not public: a draft may start with just a title.
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name="primary category",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    featured_image = ImageField(
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="featured_image_width",
        height_field="featured_image_height",
    )
    featured_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Smaller copies for srcset, made when the image is set: [{"width", "height", "name"}].
    featured_image_renditions = models.JSONField(default=list, blank=True, editable=False)
    featured_image_alt = models.CharField(
        "image alt text",
        max_length=300,
        blank=True,
        help_text="Describe the image for readers who cannot see it.",
    )
    featured_image_credit = models.CharField(
        "image credit",
        max_length=200,
        blank=True,
        help_text="For example: Image source: Shutterstock",
    )
    is_top_insight = models.BooleanField(
        "top insight", default=False, help_text="Editor's pick: shown under Top Insights."
    )
    comments_open = models.BooleanField(default=True)
    sponsored = models.BooleanField(
        default=False,
        help_text="Paid content (a paid press release): labelled Sponsored, and its links carry "
        'rel="sponsored".',
    )
    # Search engines and social cards; empty means the title and excerpt.
    seo_title = models.CharField("SEO title", max_length=200, blank=True)
    seo_description = models.CharField("SEO description", max_length=300, blank=True)
    # Attribution of an article based on another outlet's story (aggregation).
    source_name = models.CharField(
        max_length=200, blank=True, help_text="The outlet credited as “Source: …”."
    )
    source_url = models.URLField(max_length=1000, blank=True, help_text="The original story.")
    canonical_url = models.URLField(
        max_length=1000,
        blank=True,
        help_text="Set to the original story's address when republishing an excerpt.",
    )
    # Articles of one story are one event told by several outlets: lists show the story once
    # and its page says "Also reported by …".
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    # Whether lists show this article: true for an article of no story and, in a story, for
    # its earliest published article only (that one is live whenever any of them is). Kept
    # by database triggers (migration 0009_stories) on every insert and on every change of story,
    # status or date, whoever writes: the ORM, bulk writes, the scheduler's UPDATE.
    story_lead = models.BooleanField(default=True, editable=False)
    # Derived from the title and body on save: for de-duplicated lists and reading time.
    title_key = models.CharField(max_length=300, db_index=True, editable=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("submit_article", "Can submit articles for review"),
            ("edit_others_articles", "Can see and edit other people's articles"),
        ]
        constraints = [
            # The publish checklist asks for a category; this holds for every other writer.
            models.CheckConstraint(
                condition=Q(category__isnull=False)
                | Q(status__in=["draft", "review", "unpublished"]),
                name="article_public_has_category",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            models.Index(
                fields=["category", "status", "-published_at"], name="article_cat_pub_idx"
            ),
            models.Index(
                fields=["is_top_insight", "status", "-published_at"], name="article_top_pub_idx"
            ),
            models.Index(
                fields=["story_lead", "status", "-published_at"], name="article_lead_pub_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.derive_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "title_key", "word_count"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_one("articles:by_slug", "slug", self.slug)

    def derive_fields(self) -> None:
        """Clean the texts and compute what is derived from them, as every save does (and
        a bulk insert, which bypasses save(), must do first)."""
        self.title = strip_control_chars(self.title).strip()
        self.excerpt = strip_control_chars(self.excerpt).strip()
        self.body_html = sanitize_html(self.body_html, sponsored=self.sponsored)
        self.title_key = normalise_title(self.title)[:300]
        self.word_count = word_count(self.body_html)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def clean(self):
        # Articles, static pages and old article addresses share /<slug>/ (articles/slugs.py).
        reason = self.slug and slug_claimed(self.slug, owner=self)
        if reason:
            raise ValidationError({"slug": reason})

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)

    @property
    def is_live(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ArticleRedirect(models.Model):
    """An old address of an article (a previous slug, a WordPress `/?p=ID` link) that
    answers with a permanent redirect to the article's current address."""

    old_path = models.CharField(
        max_length=500,
        unique=True,
        help_text="Path with any query string, e.g. /old-slug/ or /?p=42",
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.article.get_absolute_url()}"
