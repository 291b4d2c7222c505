import json

from django.core.management.base import BaseCommand

from cryptoflexs.ingest.selectors import stories_export


class Command(BaseCommand):
    help = (
        "Write the stories the pipeline found as JSON Lines, one story a line with its "
        "articles (id, title, source, original URL, GUID): the entries that several outlets "
        "reported, as the near-duplicate check grouped them."
    )

    def handle(self, *args, **options):
        for story in stories_export():
            self.stdout.write(json.dumps(story, ensure_ascii=False))
