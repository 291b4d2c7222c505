"""The request id: one short token per request, in every log line it causes.

The middleware sets it for the request (a fresh one, or the trusted proxy's when
`REQUEST_ID_HEADER` names the header that proxy sets) and answers it in `X-Request-ID`.
Tasks enqueued while it is set carry it in their task id (`<uuid>~<request id>`), so the
consumer's log lines about that task carry it too; see `RequestIdQueueMixin` in
`core/queue.py`. A task id is the one field every Huey storage keeps unchanged, so queued
messages need no new format and old ones still run.
"""

import contextvars
import logging
import re
import uuid

from django.conf import settings

_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# Accepted from a proxy only when it looks like an id: no spaces, quotes or separators that
# could forge log fields or a task id.
VALID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
TASK_ID_SEPARATOR = "~"
RESPONSE_HEADER = "X-Request-ID"


def current() -> str:
    """Return the request id of the running request or task ("" outside both)."""
    return _current.get()


def activate(request_id: str) -> contextvars.Token:
    return _current.set(request_id)


def deactivate(token: contextvars.Token) -> None:
    _current.reset(token)


def new_id() -> str:
    return uuid.uuid4().hex


def from_request(request) -> str:
    """Return the trusted incoming id when configured and well-formed, else a new one."""
    header = getattr(settings, "REQUEST_ID_HEADER", "")
    if header:
        incoming = request.META.get(header, "")
        if VALID.match(incoming):
            return incoming
    return new_id()


def task_id_with_request(task_id: str) -> str:
    """Return `task_id` marked with the current request id (unchanged outside a request)."""
    request_id = current()
    if not request_id or TASK_ID_SEPARATOR in task_id:
        return task_id
    return f"{task_id}{TASK_ID_SEPARATOR}{request_id}"


def request_of_task_id(task_id: str) -> str:
    _, _, request_id = str(task_id).partition(TASK_ID_SEPARATOR)
    return request_id if VALID.match(request_id) else ""


class RequestIdMiddleware:
    """Give each request its id (first in MIDDLEWARE, so every later log line has it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = from_request(request)
        token = activate(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            deactivate(token)
        response[RESPONSE_HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Add `request_id` to every record (empty outside requests and tasks)."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = current()
        return True
