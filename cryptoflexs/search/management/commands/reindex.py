from django.core.management.base import BaseCommand
from tqdm import tqdm

from cryptoflexs.search.backends import get_backend
from cryptoflexs.search.services import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the published articles (safe to re-run; searches keep "
        "working meanwhile). Needed only after restoring a database from outside Django or "
        "upgrading the search code; triggers keep the index in step with every article change."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        with tqdm(
            unit=" articles", file=self.stderr._out, disable=options["no_progress"]
        ) as progress:
            count = search_index_rebuild(progress=progress)
        size = get_backend().size_bytes()
        self.stdout.write(f"Indexed {count} published articles ({size / 1e6:.1f} MB).")
