from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cryptoflexs.articles.importers.jsonl import BATCH_SIZE, articles_import


class _Unterminated:
    """Pass text through a command's OutputWrapper as is: tqdm writes partial lines
    ("\\r 42%…") to which the wrapper would otherwise append a newline each time."""

    def __init__(self, wrapper):
        self._wrapper = wrapper

    def write(self, text: str) -> None:
        self._wrapper.write(text, ending="")

    def flush(self) -> None:
        self._wrapper.flush()

    def __getattr__(self, name):  # isatty, encoding: tqdm picks its style from them
        return getattr(self._wrapper, name)


class Command(BaseCommand):
    help = (
        "Import articles from a JSON Lines file, one article per line with the fields title, "
        "slug, body_html, category (a name or a path such as Crypto/Bitcoin), tags (a list of "
        "names), published_at (ISO 8601; no offset means UTC) and author, and optionally "
        "excerpt, image_url (a URL, or a file path relative to the JSONL file) and "
        "image_credit. Articles are matched by slug, so running it again updates them instead "
        "of adding copies. Missing categories, tags and authors are created; HTML is "
        "sanitised. A bad line is reported on stderr with its line number and skipped; every "
        "good line is still imported, and the command then exits with status 1. It exits "
        "with 0 only when every line was imported. An image that cannot be fetched is a "
        "warning: the article is imported without it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .jsonl file.")
        parser.add_argument(
            "--category-parent",
            default="",
            metavar="PATH",
            help="Put categories given by a bare name under this category, created if "
            "missing (e.g. Crypto for files from gen_corpus.py). Without it a bare name is "
            "looked up anywhere in the tree, and created at the top if not found.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Lines written per transaction (default {BATCH_SIZE}).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and count what would change; store nothing, fetch no image.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        summary = articles_import(
            path=file,
            category_parent=options["category_parent"],
            batch_size=options["batch_size"],
            dry_run=options["dry_run"],
            progress=not options["no_progress"],
            stream=_Unterminated(self.stderr),
        )
        prefix = "Dry run, nothing stored: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{summary}.")
        if summary.bad_lines:
            raise CommandError(
                f"{len(summary.bad_lines)} bad line(s) skipped (reported above); "
                "every other line was imported."
            )
