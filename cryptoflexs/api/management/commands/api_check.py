import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Check the public API against its own OpenAPI schema with schemathesis (every check): "
        "serve a throw-away copy of the site with the demo content on a loopback port, run "
        "`schemathesis run --checks all`, stop the server. `make api-check` installs "
        "schemathesis in its own virtualenv first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schemathesis", default="schemathesis", help="The executable.")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--max-examples", type=int, default=30)
        parser.add_argument("--keep", action="store_true", help="Keep the temporary site.")

    def handle(self, *args, **options):
        executable = shutil.which(options["schemathesis"]) or options["schemathesis"]
        executable = str(Path(executable).resolve())
        if not Path(executable).exists():
            raise CommandError(f"schemathesis not found ({executable}); run `make api-check`.")
        workdir = Path(tempfile.mkdtemp(prefix="cryptoflexs-api-check-"))
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
        env.update(
            CRYPTOFLEXS_VAR_DIR=str(workdir),
            SECRET_KEY="api-check-only",  # noqa: S106 (a throw-away site)
            # The fuzzer sends thousands of requests; the limit itself is tested in the suite.
            API_RATE_LIMIT="0",
            PAGE_CACHE_SECONDS="0",
        )
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        for step in (["migrate", "--noinput", "-v0"], ["load_demo"], ["load_demo_prices"]):
            self.stdout.write(f"$ manage.py {' '.join(step)}")
            subprocess.run([*manage, *step], env=env, check=True, cwd=settings.BASE_DIR)  # noqa: S603
        port = options["port"]
        base = f"http://127.0.0.1:{port}"
        log = (workdir / "server.log").open("w")
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable, "-m", "gunicorn", "config.wsgi:application",
                "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
                "--worker-class", "gthread", "--no-control-socket",
                # The fuzzer sends query strings of many kilobytes; gunicorn's default limit
                # (4094 bytes) would answer 414 before the API could validate them.
                "--limit-request-line", "0",
            ],
            env=env, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            self._wait(f"{base}/api/openapi.json", server)
            command = [
                executable, "run", f"{base}/api/openapi.json",
                "--checks", "all",
                "--max-examples", str(options["max_examples"]),
                "--workers", "2",
            ]  # fmt: skip
            self.stdout.write("$ " + " ".join(command))
            # In the scratch folder: schemathesis leaves its own cache where it runs.
            result = subprocess.run(command, check=False, cwd=workdir)  # noqa: S603
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
            if not options["keep"]:
                shutil.rmtree(workdir, ignore_errors=True)
        if result.returncode:
            raise CommandError(f"schemathesis found problems (exit {result.returncode}).")
        self.stdout.write(self.style.SUCCESS("The API conforms to its OpenAPI schema."))

    def _wait(self, url: str, server: subprocess.Popen, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError("the server exited before answering")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise CommandError(f"no answer from {url} within {timeout:.0f} s")
