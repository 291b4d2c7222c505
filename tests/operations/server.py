"""Run the real server (`manage.py serve`: gunicorn, and a task consumer unless told not
to) in its own process group, on a free loopback port, for the fault tests."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.processes import ROOT

START_DEADLINE = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, env: dict[str, str], log: Path, *, worker=True, workers=1, threads=4):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        argv = [
            sys.executable, str(ROOT / "manage.py"), "serve", "--host", "127.0.0.1",
            "--port", str(self.port), "--workers", str(workers), "--threads", str(threads),
        ]  # fmt: skip
        if not worker:
            argv.append("--no-worker")
        self._handle = log.open("w")
        self.proc = subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=self._handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-3000:]}")
            try:
                if httpx.get(self.url + "/health/", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)  # polling for the port to open: there is no event to await
        self.stop()
        raise RuntimeError(f"server did not come up: {self.log.read_text()[-3000:]}")

    def get(self, path: str, **kwargs) -> httpx.Response:
        return httpx.get(self.url + path, timeout=10, **kwargs)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
