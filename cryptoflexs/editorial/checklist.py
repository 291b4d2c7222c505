"""What must hold before an article goes public, and what an editor should double-check."""

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser

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
    missing_alt, elsewhere = _body_image_problems(article.body_html)
    if missing_alt:
        result.errors.append(
            f"{_images(missing_alt)} in the body {'has' if missing_alt == 1 else 'have'} no alt "
            "text: describe each image for readers who cannot see it (select the image in "
            'the editor, or add alt="…" in the HTML).'
        )
    if elsewhere:
        result.warnings.append(
            f"{_images(elsewhere)} in the body {'is' if elsewhere == 1 else 'are'} stored on "
            "another site, which the site's pages do not load images from: upload "
            f"{'it' if elsewhere == 1 else 'them'} with “Insert image” instead."
        )
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


class _ImageScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append({name: value or "" for name, value in attrs})


def _body_image_problems(html: str) -> tuple[int, int]:
    """Count the body's images without alt text, and those not served by this site."""
    scanner = _ImageScanner()
    scanner.feed(html or "")
    scanner.close()
    missing_alt = sum(1 for img in scanner.images if not img.get("alt", "").strip())
    # Only our own uploads and static files show: the Content-Security-Policy allows
    # images from this site alone (cryptoflexs/core/middleware.py).
    elsewhere = sum(
        1
        for img in scanner.images
        if not img.get("src", "").startswith("/") or img["src"].startswith("//")
    )
    return missing_alt, elsewhere


def _images(count: int) -> str:
    return "One image" if count == 1 else f"{count} images"
