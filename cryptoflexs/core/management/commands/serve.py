import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from cryptoflexs.core.addresses import is_wildcard, listen_url
from cryptoflexs.core.gunicorn_worker import MAX_REQUEST_LINE
from cryptoflexs.core.supervisor import environ_int, python_command, supervise


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn (threads) on HOST:PORT (default 127.0.0.1:8000) and run "
        "a task consumer beside it. Stops both cleanly on Ctrl-C or SIGTERM."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
        parser.add_argument("--port", type=int, default=environ_int("PORT", 8000))
        parser.add_argument(
            "--workers", type=int, default=environ_int("WEB_WORKERS", 2), help="Processes."
        )
        parser.add_argument(
            "--threads", type=int, default=environ_int("WEB_THREADS", 4), help="Threads each."
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Serve web requests only; run task consumers separately (scale-out mode).",
        )

    def handle(self, *args, **options):
        host, port = options["host"], options["port"]
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        self.choose_site_url(host, port)
        web = python_command(
            "-m", "gunicorn", "config.wsgi:application",
            "--bind", bind,
            "--workers", str(options["workers"]),
            "--threads", str(options["threads"]),
            # gthread, answering an over-long request line with the site's own 414 page.
            "--worker-class", "cryptoflexs.core.gunicorn_worker.SiteThreadWorker",
            "--limit-request-line", str(MAX_REQUEST_LINE),
            "--no-control-socket",
            "--timeout", "30",
            "--graceful-timeout", "10",
        )  # fmt: skip
        # gunicorn's processes write their request metrics into one directory that every
        # worker sums up for /metrics (prometheus-client's multiprocess mode); emptied at
        # each start, since counts of processes that are gone must not linger.
        metrics_dir = Path(
            os.environ.get("PROMETHEUS_MULTIPROC_DIR") or settings.VAR_DIR / "metrics" / str(port)
        )
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
        processes = {"web": web}
        if not options["no_worker"]:
            # The task consumer (scheduled publishing, view counts, …) with its periodic tasks.
            processes["worker"] = python_command(str(settings.BASE_DIR / "manage.py"), "run_huey")
        self.stdout.write(self.style.SUCCESS(f"Crypto Flexs at http://{bind}/  (Ctrl-C stops)"))
        code = supervise(processes)
        if code:
            raise SystemExit(code)

    def choose_site_url(self, host: str, port: int) -> None:
        """Make links follow the port: without SITE_URL, the web and task processes started
        here link to where this server listens; with one that differs, say so."""
        here = listen_url(host, port)
        if not settings.SITE_URL_FROM_ENV:
            os.environ["SITE_URL"] = settings.SITE_URL = here  # inherited by the children
            if is_wildcard(host):
                self.stderr.write(
                    self.style.WARNING(
                        f"Listening on every interface: links name {here}. Set SITE_URL to "
                        "the address readers use (e.g. https://news.example.com)."
                    )
                )
        elif settings.SITE_URL.rstrip("/") != here:
            self.stderr.write(
                self.style.WARNING(
                    f"SITE_URL is {settings.SITE_URL} but this server listens on {here}: "
                    "links in pages, feeds and e-mails point at SITE_URL (right behind a "
                    "proxy; otherwise unset SITE_URL or fix it)."
                )
            )
