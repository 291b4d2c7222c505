"""Spam and abuse defences for the public forms, without third-party services.

Every public form (comments, SUBMIT, directory listings, Contact Us) mixes in
`AntiSpamForm`, which adds:

- a honeypot field that people never see (hidden by CSS and from assistive technology) and
  bots fill in;
- a signed timestamp of when the form was served: a post sooner than
  `ANTISPAM_MIN_FILL_SECONDS` is refused (people do not fill a form in one second), and one
  older than `ANTISPAM_MAX_FORM_AGE` asks for a fresh form;
- a cap on links (`ANTISPAM_MAX_LINKS`) and a blocklist of words and domains
  (`ANTISPAM_BLOCKED_WORDS`, `ANTISPAM_BLOCKED_DOMAINS`) over every text field.

Views call `rate_limited()` for each POST: a fixed window per client address and form, in the
shared cache, so every web process counts together (`ANTISPAM_RATE_LIMIT`, "posts/seconds").
Every other limiter (newsletter sign-ups, the API) counts through `rate_limit_wait()` too:
one atomic counter, one client-address rule (`client_ip()`).
"""

import math
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing

from .cache import window_hit

TOKEN_SALT = "cryptoflexs.antispam.form-token"  # noqa: S105 - a salt name, not a secret
HONEYPOT_FIELD = "homepage"
TOKEN_FIELD = "form_token"  # noqa: S105 - a field name

# http(s) URLs, bare www. addresses and e-mail-less domain links: what spammers post.
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
EMAIL_DOMAIN_RE = re.compile(r"@([a-z0-9.-]+\.[a-z]{2,})", re.IGNORECASE)


def form_token(*, now: float | None = None) -> str:
    """Return a signed token recording when a form was served."""
    return signing.dumps({"t": int(now if now is not None else time.time())}, salt=TOKEN_SALT)


def token_age(token: str) -> float | None:
    """Return the seconds since `token` was issued, or None when it is forged or garbled."""
    try:
        issued = signing.loads(token, salt=TOKEN_SALT)["t"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return time.time() - float(issued)


def count_links(text: str) -> int:
    return len(URL_RE.findall(text or ""))


def _host(url: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        url = "http://" + url
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def blocked_term(text: str) -> str | None:
    """Return the first blocklisted word or domain found in `text`, or None."""
    text = text or ""
    for word in settings.ANTISPAM_BLOCKED_WORDS:
        if word and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE):
            return word
    hosts = {_host(url) for url in URL_RE.findall(text)}
    hosts |= {m.lower() for m in EMAIL_DOMAIN_RE.findall(text)}
    # A bare URL field ("example.com/page") carries its host without a scheme.
    if "\n" not in text and " " not in text.strip() and "." in text:
        hosts.add(_host(text.strip()))
    for domain in settings.ANTISPAM_BLOCKED_DOMAINS:
        domain = domain.lower().lstrip(".")
        if domain and any(h == domain or h.endswith("." + domain) for h in hosts):
            return domain
    return None


class AntiSpamForm(forms.Form):
    """A form with a honeypot, a minimum fill time, a link cap and the blocklist.

    Subclasses (plain or model forms, by multiple inheritance) list in `link_fields` the
    fields whose links count towards `ANTISPAM_MAX_LINKS`; every CharField is checked against
    the blocklist.
    """

    homepage = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    link_fields: tuple[str, ...] = ()
    max_links: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[TOKEN_FIELD] = form_token()

    def clean(self):
        cleaned = super().clean()
        # Reported at the top of the form: the fields themselves are not visible.
        if self.data.get(HONEYPOT_FIELD):
            self.add_error(
                None,
                "The hidden field “Leave this field empty” was filled in, as spam robots do. "
                "Nothing was sent; if you are a person, clear it and send the form again.",
            )
        age = token_age(self.data.get(TOKEN_FIELD) or "")
        if age is None or age > settings.ANTISPAM_MAX_FORM_AGE:
            self.add_error(
                None,
                "This form has expired or was damaged. Nothing was lost: check your entries "
                "and send the form again.",
            )
        elif age < settings.ANTISPAM_MIN_FILL_SECONDS:
            self.add_error(
                None,
                "The form was sent too quickly to be from a person. Please wait a few seconds "
                "and send it again.",
            )
        limit = self.max_links if self.max_links is not None else settings.ANTISPAM_MAX_LINKS
        links = sum(count_links(str(cleaned.get(name) or "")) for name in self.link_fields)
        if links > limit:
            allowed = "1 link is" if limit == 1 else f"{limit} links are"
            raise forms.ValidationError(
                f"Too many links ({links}); at most {allowed} allowed. Remove some and send "
                "the form again."
            )
        for name, field in self.fields.items():
            if name in (HONEYPOT_FIELD, TOKEN_FIELD) or not isinstance(
                field, forms.CharField | forms.URLField | forms.EmailField
            ):
                continue
            term = blocked_term(str(cleaned.get(name) or ""))
            if term:
                self.add_error(
                    name, f"“{term}” is not accepted here. Please remove it and try again."
                )
        return cleaned

    def refresh_token_if_invalid(self) -> None:
        """After a failed post, give the re-rendered form a fresh token unless the old one is
        merely too young (then the reader only has to wait, not start the clock again)."""
        if not self.is_bound:
            return
        age = token_age(self.data.get(TOKEN_FIELD) or "")
        if age is None or age > settings.ANTISPAM_MAX_FORM_AGE:
            data = self.data.copy()
            data[TOKEN_FIELD] = form_token()
            self.data = data
        if self.data.get(HONEYPOT_FIELD):
            data = self.data.copy()
            data[HONEYPOT_FIELD] = ""
            self.data = data


@dataclass(frozen=True)
class RateLimit:
    posts: int
    seconds: int

    @classmethod
    def parse(cls, spec: str) -> "RateLimit":
        posts, _, seconds = str(spec).partition("/")
        return cls(int(posts), int(seconds or 3600))

    def describe_wait(self) -> str:
        minutes = math.ceil(self.seconds / 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"


def client_ip(request) -> str:
    """Return the client's address; behind a proxy, from `ANTISPAM_CLIENT_IP_HEADER`."""
    header = settings.ANTISPAM_CLIENT_IP_HEADER
    if header:
        forwarded = request.META.get(header, "")
        if forwarded:
            # X-Forwarded-For: client, proxy1, proxy2: the proxy we trust appends the last hop,
            # so take the right-most address it reported.
            return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def rate_limit_wait(request, scope: str, *, limit: int, seconds: int) -> int:
    """Count one request by this client to `scope`; return 0 while it is within `limit`
    requests per `seconds`, else the seconds until it may try again.

    The count is atomic (cache add + incr), so concurrent requests never overshoot. When
    the cache cannot count (down, or its disk full) the request is let through: the cache
    adapter logs that, and a limiter must not take the site down with it.
    """
    if limit <= 0:
        return 0
    hit = window_hit(f"ratelimit:{scope}:{client_ip(request)}", seconds)
    if hit is None:
        return 0
    count, seconds_left = hit
    return 0 if count <= limit else max(1, math.ceil(seconds_left))


def rate_limited(request, scope: str) -> bool:
    """Count one post by this client to `scope`; return True when it is over
    ANTISPAM_RATE_LIMIT."""
    limit = RateLimit.parse(settings.ANTISPAM_RATE_LIMIT)
    return bool(rate_limit_wait(request, scope, limit=limit.posts, seconds=limit.seconds))


def rate_limit_message() -> str:
    limit = RateLimit.parse(settings.ANTISPAM_RATE_LIMIT)
    return (
        f"Too many posts from your address: at most {limit.posts} every "
        f"{limit.describe_wait()}. Nothing was saved; your text is still below. "
        f"Please try again in {limit.describe_wait()}."
    )
