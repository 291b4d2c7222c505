"""Real faults for the fault tests (issue #15): a private Redis that can be stopped and
started again, and a small file system that fills up. No mocks: the code under test meets
the same errors it meets in production."""

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from tests.processes import ROOT, child_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisProcess:
    """A `redis-server` of this test's own on a free loopback port (no persistence)."""

    def __init__(self, workdir: Path):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.fail("redis-server is not installed (apt-get install redis-server)")
        self.workdir = workdir
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir), "--daemonize", "no"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        # Redis says when it is ready; reading its output waits for exactly that event.
        for line in self.proc.stdout:
            if "Ready to accept connections" in line:
                return
        raise RuntimeError(f"redis-server on port {self.port} exited: {self.proc.wait()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc.stdout.close()
        self.proc = None


@pytest.fixture
def redis_process(tmp_path):
    """A running private Redis; the test stops and restarts it at will."""
    server = RedisProcess(tmp_path)
    server.start()
    yield server
    server.stop()


@contextlib.contextmanager
def small_filesystem(size_kb: int = 256):
    """Mount a tmpfs of `size_kb` for the block and unmount it after (needs root).

    Yields the mount point. Skips the test with the reason when mounting is not possible
    (not root, or no tmpfs in a container without CAP_SYS_ADMIN).
    """
    mount_point = Path(f"/tmp/cf-fault-{uuid.uuid4().hex[:10]}")  # noqa: S108 - our own dir
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0777", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        mount_point.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip() or result.returncode}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)
        mount_point.rmdir()


def fill(directory: Path) -> None:
    """Write to `directory` until its file system reports ENOSPC."""
    filler = directory / "filler"
    with filler.open("wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 4096)
    assert shutil.disk_usage(directory).free < 4096


class ServeProcess:
    """`manage.py serve --no-worker` (gunicorn, as `make run` starts it) on a free port."""

    def __init__(self, env: dict[str, str], *, port: int | None = None):
        self.env = env
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.lines: list[str] = []
        self._listening = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *args: str, worker: bool = False) -> None:
        argv = [sys.executable, str(ROOT / "manage.py"), "serve", *args]
        if not worker:
            argv.append("--no-worker")
        if "--port" not in args:
            argv += ["--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = subprocess.Popen(
            argv, env=self.env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        # Read every line (a full pipe would block the server) and note when gunicorn listens.
        threading.Thread(target=self._read, daemon=True).start()
        if not self._listening.wait(timeout=60) or self.proc.poll() is not None:
            self.stop()
            pytest.fail("manage.py serve did not start:\n" + "".join(self.lines[-40:]))

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)
            if "Listening at" in line:
                self._listening.set()
        self._listening.set()  # exited: start() reports it

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """Static files collected once per test run, as `make run` does before serving."""
    static_root = tmp_path_factory.mktemp("static")
    env = {**child_env(static_root), "STATIC_ROOT": str(static_root)}
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env, cwd=ROOT, check=True, timeout=300,
    )  # fmt: skip
    return static_root


@pytest.fixture
def serve_env(tmp_path, transactional_db, collected_static) -> dict[str, str]:
    """The environment of a `manage.py serve` child on this test's (committed) database."""
    env = {**child_env(tmp_path), "STATIC_ROOT": str(collected_static)}
    for name in ("SITE_URL", "HOST", "PORT"):  # the server's own, unless a test sets them
        env.pop(name, None)
    return env
