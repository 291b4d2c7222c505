"""What every /api/ response gets, whatever view made it: a per-client rate limit (429 with
Retry-After), JSON error bodies (404, 405, 429, 500), conditional GET (ETag → 304), CORS
for the read methods, and HEAD answered as GET."""

import hashlib

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response

from cryptoflexs.core.antispam import rate_limit_wait

PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
RATE_WINDOW_SECONDS = 60
# The docs page runs Swagger UI from our static files; it sets inline styles on elements.
DOCS_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)
REASONS = {404: "Not Found", 405: "Method Not Allowed", 500: "Server Error"}


def rate_limited(request) -> int:
    """Count the request; return 0 when allowed, else the seconds until the window resets."""
    return rate_limit_wait(
        request, "api", limit=settings.API_RATE_LIMIT, seconds=RATE_WINDOW_SECONDS
    )


def json_error(status: int, detail: str, **headers) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        head = request.method == "HEAD"
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(READ_METHODS)
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
            return self._cors(request, response)
        retry_after = rate_limited(request)
        if retry_after:
            response = json_error(429, "Too many requests", Retry_After=str(retry_after))
            return self._cors(request, response)
        if head:
            # The API declares GET; HEAD is the same answer without a body (RFC 9110 §9.3.2).
            request.method = "GET"
        response = self.get_response(request)
        if head:
            request.method = "HEAD"
        response = self._json_errors(response)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if request.path == PREFIX + "docs":
                response["Content-Security-Policy"] = DOCS_POLICY
            response = self._conditional(request, response)
        if head and not response.streaming:
            response.content = b""
        return self._cors(request, response)

    def _json_errors(self, response):
        if response.status_code not in REASONS or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        error = json_error(response.status_code, REASONS[response.status_code])
        if "Allow" in response:
            error["Allow"] = response["Allow"]
        return error

    def _conditional(self, request, response):
        if response.streaming or response.has_header("ETag"):
            return response
        etag = f'"{hashlib.sha256(response.content).hexdigest()}"'
        response["ETag"] = etag
        response["Cache-Control"] = "public, max-age=60"
        return get_conditional_response(request, etag=etag, response=response)

    def _cors(self, request, response):
        if request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        return response
