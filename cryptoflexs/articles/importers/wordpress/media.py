"""Featured images of imported posts, downloaded from the site that exported them."""

from ... import services
from ...models import Article
from ..images import ImageError, delete_image, fetch_image, stem_from_url, store_image
from .records import Export, Post
from .report import Report


def featured_image_import(*, post: Post, article: Article, export: Export, report: Report):
    """Download the post's featured image onto `article`, unless it has one already (from a
    previous run, or chosen by an editor since). A failure is a warning, never an error."""
    images = report.images
    if article.featured_image:
        images["already present"] += 1
        return
    attachment = export.attachments.get(post.thumbnail_id)
    if attachment is None:
        images["failed"] += 1
        report.warnings.append(
            f"post {post.wp_id} “{post.title}”: featured image {post.thumbnail_id} "
            "is not in the export"
        )
        return
    try:
        fields = store_image(fetch_image(attachment.url), stem_from_url(attachment.url))
    except ImageError as exc:
        images["failed"] += 1
        report.warnings.append(f"post {post.wp_id} “{post.title}”: image {attachment.url}: {exc}")
        return
    except OSError as exc:
        images["failed"] += 1
        report.warnings.append(f"post {post.wp_id}: cannot store image: {exc}")
        return
    alt = article.featured_image_alt or attachment.alt[:300]
    try:
        services.article_update(article=article, featured_image_alt=alt, **fields)
    except BaseException:
        delete_image(fields)
        raise
    images["downloaded"] += 1
