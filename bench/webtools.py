"""Pieces of bench/web.py: processes, wrk, checks of the answers, /proc readings."""

import gzip
import html
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

# wrk and the checks send what a reader's browser sends (a browser User-Agent, so that view
# counting runs as it does for readers).
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, headers: dict | None = None, timeout: float = 30) -> tuple[int, dict, bytes]:
    """GET `url` (loopback only); return status, headers (lower-case names), decoded body."""
    if not url.startswith(("http://127.0.0.1:", "http://localhost:")):
        raise ValueError(f"refusing non-loopback {url}")
    request = urllib.request.Request(  # noqa: S310 (loopback http only, checked above)
        url, headers={"User-Agent": BROWSER_UA, **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status, head, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        status, head, body = exc.code, dict(exc.headers), exc.read()
    except (urllib.error.URLError, OSError):
        return 0, {}, b""
    head = {k.lower(): v for k, v in head.items()}
    head["wire-bytes"] = str(len(body))
    if head.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return status, head, body


def wait_until_up(url: str, proc: subprocess.Popen | None, deadline_s: float = 60) -> None:
    """Poll `url` until it answers 200; fail early if `proc` exits."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        if get(url, timeout=5)[0] == 200:
            return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {deadline_s} s")


def stop(proc: subprocess.Popen) -> None:
    """Stop a process we started (SIGTERM to it, SIGKILL to its group after 15 s)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def descendants(pid: int) -> list[int]:
    """Return the pids of every process below `pid` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def peak_rss_mb(pids: list[int]) -> dict[int, float]:
    """Return each process's peak resident set (VmHWM) in MB."""
    peaks = {}
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        if match:
            peaks[pid] = round(int(match.group(1)) / 1024, 1)
    return peaks


def web_processes(serve_pid: int) -> list[int]:
    """Return the pids of the web server processes started by `manage.py serve`."""
    pids = []
    for pid in descendants(serve_pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"gunicorn" in cmdline or b"granian" in cmdline:
            pids.append(pid)
    return pids


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


@dataclass
class Check:
    """What makes an answer "the real page": markers it must contain and a minimum size."""

    markers: list[str]
    min_bytes: int = 5000
    max_bytes: int = 2_000_000
    expect_hit: bool = False
    problems: list[str] = field(default_factory=list)
    wire_bytes: int = 0

    def verify(self, url: str, headers: dict | None = None, *, fill: bool = False) -> int:
        """Fetch `url` and check it; return the body size (0 and a problem noted if wrong).

        `fill`: the request that fills the page cache (not expected to be a hit)."""
        status, head, body = get(url, headers)
        self.wire_bytes = int(head.get("wire-bytes", 0))
        text = body.decode("utf-8", "replace")
        wrong = []
        if status != 200:
            wrong.append(f"status {status}")
        if not self.min_bytes <= len(body) <= self.max_bytes:
            wrong.append(f"{len(body)} bytes")
        lowered = html.unescape(text).lower()
        wrong += [f"no {m!r}" for m in self.markers if m.lower() not in lowered]
        if self.expect_hit and not fill and head.get("x-cache") not in (None, "hit"):
            wrong.append(f"X-Cache: {head.get('x-cache')}")
        if wrong:
            self.problems.append(f"{url}: {', '.join(wrong)}")
            return 0
        return len(body)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(number) * _UNITS[unit], 2)


def run_wrk(url: str, *, threads: int, conns: int, duration: str, headers: dict) -> dict:
    """Run wrk against `url` and return req/s, p50/p99 (ms), requests, non-2xx, errors."""
    argv = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{duration}", "--timeout", "30s", "--latency"]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    out = subprocess.run([*argv, url], capture_output=True, text=True, check=False).stdout
    figures = {"requests": 0, "rps": 0.0, "p50_ms": None, "p99_ms": None, "non_2xx": 0}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", out):
        figures["rps"] = float(match.group(1))
    if match := re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)(\w+) read", out):
        figures["requests"] = int(match.group(1))
    for label, key in (("50", "p50_ms"), ("99", "p99_ms")):
        if match := re.search(rf"^\s+{label}(?:\.000)?%\s+([\d.]+\w+)", out, re.MULTILINE):
            figures[key] = _ms(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        figures["non_2xx"] = int(match.group(1))
    errors = r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
    if match := re.search(errors, out):
        figures["socket_errors"] = sum(int(n) for n in match.groups())
    return figures


NGINX_CONF = """daemon off;
worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    default_type text/html;
    access_log off;
    sendfile on; tcp_nopush on; tcp_nodelay on;
    keepalive_timeout 65; keepalive_requests 1000000;
    client_body_temp_path {dir}/tmp; proxy_temp_path {dir}/tmp; fastcgi_temp_path {dir}/tmp;
    uwsgi_temp_path {dir}/tmp; scgi_temp_path {dir}/tmp;
    gzip off;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/www;
    }}
}}
"""


def start_nginx(directory: Path, page: bytes) -> tuple[subprocess.Popen, str] | None:
    """Serve `page` as a static file with nginx (the same settings as the WordPress peer's
    static baseline); return the process and the URL, or None without nginx."""
    nginx = next((p for p in ("/usr/sbin/nginx", "/usr/bin/nginx") if Path(p).exists()), None)
    if nginx is None:
        return None
    (directory / "www").mkdir(parents=True)
    (directory / "tmp").mkdir()
    (directory / "www" / "article.html").write_bytes(page)
    port = free_port()
    conf = directory / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=directory, port=port))
    proc = subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(directory)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/article.html"
    wait_until_up(url, proc, 15)
    return proc, url
