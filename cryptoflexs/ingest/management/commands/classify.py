import json
import sys

from django.core.management.base import BaseCommand

from cryptoflexs.ingest.classifier import classify
from cryptoflexs.ingest.selectors import feed_label_map


class Command(BaseCommand):
    help = (
        'Read JSON Lines of {"title": ..., "text": ..., "categories": [...]} on standard input '
        '("text" and the outlet\'s "categories" optional) and write one line each with the '
        "category (its name and path), the coins and the reasons (what the model and the "
        'rules saw). A line that is not such an object gets {"line": N, "error": ...}.'
    )

    def handle(self, *args, **options):
        labels = feed_label_map()
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("not a JSON object")
                title, text = str(item.get("title") or ""), str(item.get("text") or "")
                categories = item.get("categories") or []
                if isinstance(categories, str):
                    categories = [categories]
                if not isinstance(categories, list):
                    raise ValueError('"categories" must be a list of strings')
            except ValueError as exc:
                self.stdout.write(json.dumps({"line": number, "error": str(exc)}))
                continue
            decision = classify(title, text, [str(c) for c in categories], label_map=labels)
            self.stdout.write(json.dumps(decision.as_dict(), ensure_ascii=False))
