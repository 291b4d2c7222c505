import json
import sys

from django.core.management.base import BaseCommand

from cryptoflexs.ingest.classify import classify


class Command(BaseCommand):
    help = (
        'Read JSON Lines of {"title": ..., "text": ...} on standard input and write one line '
        "each with the category, the coins and the reasons (which words or rules fired). A "
        'line that is not such an object gets {"line": N, "error": ...}.'
    )

    def handle(self, *args, **options):
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("not a JSON object")
                title, text = str(item.get("title") or ""), str(item.get("text") or "")
            except ValueError as exc:
                self.stdout.write(json.dumps({"line": number, "error": str(exc)}))
                continue
            self.stdout.write(json.dumps(classify(title, text).as_dict(), ensure_ascii=False))
