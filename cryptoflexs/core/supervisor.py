"""Run several long-lived processes as one: start all, stop all when any one exits.

`make run` serves the site with it, so that a web server that fails to start does not
leave an orphaned worker behind, and Ctrl-C (SIGINT) or SIGTERM stops everything.
"""

import logging
import os
import signal
import subprocess  # noqa: S404 - starts our own server processes with fixed argument lists
import sys
import time

logger = logging.getLogger(__name__)

STOP_GRACE_SECONDS = 10


def supervise(commands: dict[str, list[str]]) -> int:
    """Start every command, wait until one exits or a signal arrives, then stop the rest.

    Returns the exit code of the first process that exited (or 0 after a signal).
    """
    procs: dict[str, subprocess.Popen] = {}
    stopping = {"signal": None}

    def on_signal(signum, _frame):
        stopping["signal"] = signum

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for name, argv in commands.items():
            procs[name] = subprocess.Popen(argv)  # noqa: S603 - argv is built by our own code
            print(f"[serve] started {name} (pid {procs[name].pid})", flush=True)
        exit_code = 0
        while stopping["signal"] is None:
            for name, proc in procs.items():
                code = proc.poll()
                if code is not None:
                    print(f"[serve] {name} exited with code {code}; stopping the rest", flush=True)
                    exit_code = code
                    stopping["signal"] = signal.SIGTERM
                    break
            time.sleep(0.2)
        return exit_code
    finally:
        _stop_all(procs, stopping["signal"] or signal.SIGTERM)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop_all(procs: dict[str, subprocess.Popen], signum: int) -> None:
    for proc in procs.values():
        if proc.poll() is None:
            proc.send_signal(signum)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for name, proc in procs.items():
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            print(f"[serve] {name} did not stop in time; killing it", flush=True)
            proc.kill()
            proc.wait()


def python_command(*args: str) -> list[str]:
    """Return an argv that runs this interpreter (the project's virtual environment)."""
    return [sys.executable, *args]


def environ_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default
