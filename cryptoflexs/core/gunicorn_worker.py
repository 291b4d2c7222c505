"""The gunicorn worker `manage.py serve` runs: gunicorn's threaded worker, except that a
request line over the limit gets the site's own "address too long" page (414).

gunicorn refuses such a request before Django sees it and answers with a bare page of its
own; the limit itself is gunicorn's maximum, 8,190 bytes (serve sets it).
"""

from django.template.loader import render_to_string
from gunicorn import util
from gunicorn.http.errors import LimitRequestLine
from gunicorn.workers.gthread import ThreadWorker

# gunicorn's ceiling for --limit-request-line (any larger value is clamped to it).
MAX_REQUEST_LINE = 8190


class SiteThreadWorker(ThreadWorker):
    _page: bytes | None = None

    def handle_error(self, req, client, addr, exc):
        if not isinstance(exc, LimitRequestLine):
            return super().handle_error(req, client, addr, exc)
        self.log.warning("Request line too long from %s: %s", (addr or ("",))[0], exc)
        try:
            util.write_nonblock(client, self._response())
        except OSError:
            self.log.debug("Failed to send the 414 page.")
        return None

    @classmethod
    def _response(cls) -> bytes:
        if cls._page is None:
            # No context processors, as for the 500 page: nothing here may need the database.
            body = render_to_string("414.html").encode()
            head = (
                "HTTP/1.1 414 URI Too Long\r\nConnection: close\r\n"
                "Content-Type: text/html; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            )
            cls._page = head.encode() + body
        return cls._page
