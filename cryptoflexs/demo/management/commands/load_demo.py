from django.core.management.base import BaseCommand, OutputWrapper

from cryptoflexs.demo.loader import demo_load


class Command(BaseCommand):
    help = (
        "Load the demo site: settings, menu, static pages, 4 authors and 150 articles with "
        "generated pictures, and work for the back office (drafts, review queue, a scheduled "
        "article, inactive demo sources with stories, comments and submissions to moderate, "
        "a week of views). Safe to run again: nothing is duplicated, and the articles' dates "
        "move so that the newest was published within the last few hours."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar."
        )

    def handle(self, *args, **options):
        summary = demo_load(stdout=_raw(self.stdout), progress=not options["no_progress"])
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary} ({summary.created} new rows, {summary.images_drawn} pictures drawn; "
                f"back office: {summary.unpublished} unpublished, {summary.ingested} ingested, "
                f"{summary.pending} waiting for moderation, {summary.views} views)."
            )
        )


def _raw(stream):
    """Return the file under Django's OutputWrapper(s).

    The wrapper ends every write with a newline, which would print each redraw of the
    progress bar on its own line; `bootstrap` wraps its own wrapper, hence the loop.
    """
    while isinstance(stream, OutputWrapper):
        stream = stream._out
    return stream
