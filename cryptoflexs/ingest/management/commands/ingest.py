import json

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cryptoflexs.articles.management.commands.import_articles import _Unterminated
from cryptoflexs.ingest.models import Source
from cryptoflexs.ingest.services import sources_ingest
from cryptoflexs.ingest.store import RunState


class Command(BaseCommand):
    help = (
        "Fetch sources now and store their new entries, with a progress bar and a summary "
        "(fetched, new, duplicates, rejected, errors). Without --source or --all it takes "
        "the sources that are due. Safe to interrupt and re-run: entries are stored one "
        "transaction each and never twice. Exits with 1 when a source failed."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--source", type=int, action="append", metavar="ID", help="A source.")
        group.add_argument("--all", action="store_true", help="Every active source.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Fetch and decide, store nothing; print each entry's decision as JSON Lines.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        if options["source"]:
            sources = list(Source.objects.filter(pk__in=options["source"]))
            missing = set(options["source"]) - {s.pk for s in sources}
            if missing:
                raise CommandError(f"No source with id {', '.join(map(str, sorted(missing)))}.")
        elif options["all"]:
            sources = list(Source.objects.filter(active=True))
        else:
            sources = list(Source.objects.due())
        totals = {
            "fetched": 0,
            "not_modified": 0,
            "new": 0,
            "duplicates": 0,
            "rejected": 0,
            "errors": 0,
        }
        failed = []
        bar = tqdm(
            total=0,
            unit="entry",
            file=_Unterminated(self.stderr),
            disable=options["no_progress"],
            dynamic_ncols=True,
        )
        # One cache of categories and coin tags, and one story index, for the whole run.
        run = RunState()
        with bar:

            def on_total(n, bar=bar):
                bar.total += n
                bar.refresh()

            results = sources_ingest(
                sources=sources,
                dry_run=options["dry_run"],
                progress=bar.update,
                on_total=on_total,
                run=run,
            )
            for source, result in results:
                bar.set_description(source.name[:30])
                if result.outcome == "failed":
                    totals["errors"] += 1
                    failed.append((source, result.reason))
                elif result.outcome == "busy":
                    self.stderr.write(f"{source.name}: skipped, {result.reason}")
                    continue
                else:
                    totals["fetched"] += 1
                    totals["not_modified"] += result.outcome == "not_modified"
                totals["new"] += result.new
                totals["duplicates"] += result.duplicates
                totals["rejected"] += result.rejected
                totals["errors"] += result.errors
                for decision in result.decisions:
                    self.stdout.write(json.dumps({"source": source.pk, **decision}))
        for source, reason in failed:
            self.stderr.write(f"{source.name} (source {source.pk}) failed: {reason}")
        prefix = "Dry run, nothing stored: " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{len(sources)} sources: fetched {totals['fetched']} "
            f"({totals['not_modified']} not modified), new {totals['new']}, "
            f"duplicates {totals['duplicates']}, rejected {totals['rejected']}, "
            f"errors {totals['errors']}"
        )
        if failed:
            raise SystemExit(1)
