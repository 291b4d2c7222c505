from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cryptoflexs.ingest.classifier import model_dir, save_model, training
from cryptoflexs.ingest.selectors import feed_label_map


class Command(BaseCommand):
    help = (
        "Train the category model from the seed texts, the categories editors set or "
        "confirmed (corrections of the classifier counted), the outlets' feed labels mapped "
        "in Feed categories, and --training-data files when given (by default the team's "
        "../shared/data/categorised/ when that folder exists). Writes a new model version "
        "under CLASSIFIER_DIR and makes it the one classification uses."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--training-data",
            metavar="DIR",
            help="A folder of labelled files (cryptonews-*.csv with a subject column, "
            "*.jsonl with outlet tags); default: ../shared/data/categorised/ if present.",
        )
        parser.add_argument(
            "--no-training-data", action="store_true", help="Seed and site labels only."
        )
        parser.add_argument(
            "--no-seed", action="store_true", help="Leave out the project's seed texts."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the examples, write no model."
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing when a model was trained already (make run uses it).",
        )

    def handle(self, *args, **options):
        if options["if_missing"] and (model_dir() / "current").exists():
            self.stdout.write("A trained model is in use already.")
            return
        examples = [] if options["no_seed"] else training.seed_examples()
        site, site_counts = training.site_examples()
        examples += site
        folder = None
        if not options["no_training_data"]:
            folder = Path(options["training_data"]) if options["training_data"] else None
            if folder is not None and not folder.is_dir():
                raise CommandError(f"No folder {folder}.")
            folder = folder or (training.SHARED if training.SHARED.is_dir() else None)
        if folder is not None:
            examples += training.shared_examples(folder)
        if not examples:
            raise CommandError("No training examples (no seed, no labels).")
        self.stdout.write(
            f"Editor labels: {site_counts['editor']} articles written or filed by editors, "
            f"{site_counts['confirmed']} ingested categories confirmed, "
            f"{site_counts['correction']} corrected; outlet labels: {site_counts['outlet']}"
            + (f"; training data: {folder}" if folder else "")
        )
        model, counts = training.fit(examples, feed_label_map())
        by_label = ", ".join(f"{k} {v}" for k, v in sorted(model.label_counts.items()))
        self.stdout.write(
            f"Examples by origin: {', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}"
        )
        self.stdout.write(f"By category: {by_label}")
        if options["dry_run"]:
            self.stdout.write("Dry run: no model written.")
            return
        path = save_model(model)
        self.stdout.write(f"Model {model.version} written to {path} and made current.")
