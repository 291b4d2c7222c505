"""`manage.py import_wordpress FILE.xml`: import a WordPress export (WXR); the work is in
cryptoflexs/articles/importers/wordpress/."""

import time

from django.core.management.base import BaseCommand, CommandError

from cryptoflexs.articles.importers.wordpress.mapping import wordpress_import
from cryptoflexs.articles.importers.wordpress.records import WxrError


class Command(BaseCommand):
    help = (
        "Import posts, pages, categories, tags, authors and featured images from a WordPress "
        "export file (Tools → Export). Safe to run again: it updates what it imported before."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The WXR file WordPress exported (.xml).")
        parser.add_argument(
            "--skip-images", action="store_true", help="Do not download featured images."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and import everything, then roll it back (no images are downloaded).",
        )

    def handle(self, *args, file, skip_images, dry_run, verbosity, **options):
        started = time.monotonic()
        try:
            export, report = wordpress_import(
                file, download_images=not skip_images, dry_run=dry_run, progress=verbosity > 0
            )
        except WxrError as exc:
            raise CommandError(f"{file}: {exc} Nothing was imported.") from exc
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror or exc}") from exc
        if skip_images or dry_run:
            with_images = sum(1 for post in export.posts if post.thumbnail_id)
            report.images["not downloaded (--skip-images or --dry-run)"] = with_images
        self._print_summary(file, export, report, time.monotonic() - started, dry_run, verbosity)

    def _print_summary(self, file, export, report, seconds, dry_run, verbosity):
        out = self.stdout
        verb = "Dry run of" if dry_run else "Imported"
        out.write(self.style.SUCCESS(f"{verb} {file} in {seconds:.1f} s"))
        statuses = ", ".join(f"{n} {status}" for status, n in sorted(report.statuses.items()))
        out.write(f"  posts:      {report.posts}" + (f" ({statuses})" if statuses else ""))
        out.write(f"  pages:      {report.pages}")
        out.write(f"  categories: {report.categories}")
        out.write(f"  tags:       {report.tags}")
        out.write(f"  authors:    {report.authors}")
        out.write(f"  redirects:  {report.redirects}")
        images = ", ".join(f"{n} {what}" for what, n in report.images.items()) or "none"
        out.write(f"  images:     {images}")
        comments = sum(post.comment_count for post in export.posts + export.pages)
        if comments:
            out.write(f"  comments:   {comments} in the export, not imported")
        if verbosity > 1 and export.ignored:
            ignored = ", ".join(f"{n} {kind}" for kind, n in sorted(export.ignored.items()))
            out.write(f"  ignored:    {ignored}")
        if report.skipped:
            out.write(self.style.WARNING(f"  skipped:    {len(report.skipped)}"))
            for item in report.skipped:
                out.write(f"    - item {item.wp_id} “{item.title or '(no title)'}”: {item.reason}")
        if report.warnings:
            out.write(self.style.WARNING(f"  warnings:   {len(report.warnings)}"))
            for warning in report.warnings:
                out.write(f"    - {warning}")
