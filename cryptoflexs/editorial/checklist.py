"""What must hold before an article goes public, and what an editor should double-check."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from cryptoflexs.articles.models import Article
from cryptoflexs.core.html import html_to_text

DUPLICATE_WINDOW = dt.timedelta(days=30)


@dataclass
class Checklist:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def publish_checklist(article: Article) -> Checklist:
    """Check `article` for publication: errors block it, warnings are shown to the editor."""
    result = Checklist()
    if not (article.title or "").strip():
        result.errors.append("The article needs a title.")
    if not html_to_text(article.body_html):
        result.errors.append("The article needs a body.")
    if not article.category_id:
        result.errors.append("The article needs a category.")
    if article.featured_image:
        if not article.featured_image_alt.strip():
            result.errors.append("The featured image needs alt text for readers who cannot see it.")
        if not article.featured_image_credit.strip():
            result.errors.append("The featured image needs a credit (e.g. “Image source: …”).")
    if article.title_key:
        duplicate = (
            Article.objects.published()
            .filter(
                title_key=article.title_key, published_at__gte=timezone.now() - DUPLICATE_WINDOW
            )
            .exclude(pk=article.pk)
            .first()
        )
        if duplicate is not None:
            result.warnings.append(
                f"An article with the same title was published on "
                f"{duplicate.published_at:%B %-d, %Y}: “{duplicate.title}” "
                f"({duplicate.get_absolute_url()})."
            )
    return result
