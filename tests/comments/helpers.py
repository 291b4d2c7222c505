"""Helpers shared by the community tests (comments, SUBMIT, DIRECTORY, Contact Us)."""

import socket
import time

import pytest
from aiosmtpd.controller import Controller

from cryptoflexs.core.antispam import form_token


def aged_token(seconds: float = 30) -> str:
    """Return a form token issued `seconds` ago (a person took that long to fill the form)."""
    return form_token(now=time.time() - seconds)


def form_data(**fields) -> dict:
    """Return POST data with a valid anti-spam token and an empty honeypot."""
    return {"form_token": aged_token(), "homepage": "", **fields}


class CollectingHandler:
    """An SMTP server's handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; Django's SMTP backend is pointed at it."""
    handler = CollectingHandler()
    # aiosmtpd checks its server by connecting to the port, so it needs a real one.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()
