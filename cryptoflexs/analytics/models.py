from django.db import models

from cryptoflexs.articles.models import Article


class ArticleViewDay(models.Model):
    """How many times an article was read on one UTC day.

    Rows are written only by the periodic flush (services.views_flush), never by a page view.
    """

    # The unique constraint below starts with the article, so a separate index on the
    # foreign key would only cost writes.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="view_days", db_index=False
    )
    day = models.DateField(help_text="The day in UTC.")
    views = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "-views"]
        verbose_name = "daily article views"
        verbose_name_plural = "daily article views"
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="articleviewday_article_day"),
        ]
        indexes = [
            # Covers "sum views per article (or per day) over the last N days" without
            # reading the table: the sidebar ranking and the admin chart.
            models.Index(fields=["day", "article", "views"], name="articleviewday_day_idx"),
        ]

    def __str__(self):
        return f"{self.article_id} on {self.day}: {self.views}"
