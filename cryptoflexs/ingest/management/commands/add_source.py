from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cryptoflexs.articles.models import Category
from cryptoflexs.ingest.models import Source
from cryptoflexs.ingest.services import source_create


class Command(BaseCommand):
    help = (
        "Add a feed (RSS or Atom) to ingest. New sources take excerpts (title, summary and a "
        "link to the original) into the review queue unless told otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="The feed's address.")
        parser.add_argument("--name", default="", help="The outlet's name (default: the host).")
        parser.add_argument("--site-url", default="", help="The outlet's home page.")
        parser.add_argument(
            "--category", default="", metavar="PATH", help="Default category path, e.g. crypto"
        )
        parser.add_argument(
            "--full",
            action="store_true",
            help="Take the full text (only for sources that license it).",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish new entries without review."
        )
        parser.add_argument("--interval", type=int, default=30, help="Poll interval, minutes.")

    def handle(self, *args, **options):
        category = None
        if options["category"]:
            category = Category.objects.filter(path=options["category"].strip("/")).first()
            if category is None:
                raise CommandError(f"No category with the path {options['category']!r}.")
        try:
            source = source_create(
                feed_url=options["url"],
                name=options["name"],
                site_url=options["site_url"],
                default_category=category,
                mode=Source.Mode.FULL if options["full"] else Source.Mode.EXCERPT,
                auto_publish=options["publish"],
                poll_interval=options["interval"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(f"Added source {source.pk}: {source.name} <{source.feed_url}>")
