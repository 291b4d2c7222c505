"""A cheaper `reverse()` for the one-argument URLs that every list renders many times.

`django.urls.reverse` costs tens of microseconds a call (resolver lookups, argument checks,
quoting); a list page names 40-60 articles, categories, tags and authors, a feed 60. For a
URL name with one keyword argument, `reverse_one` reverses once with a placeholder, keeps the
result as a prefix and a suffix, and then only joins strings. The cache is keyed on what can
change a URL at run time: the URLconf in use (a request's `urlconf`, ROOT_URLCONF) and the
script prefix, and is cleared with Django's own URL caches (`clear_url_caches`, which runs
when ROOT_URLCONF is overridden). A value that is not plain ASCII slug text (which reverse
would percent-encode or reject; a slash only in a `path`) takes the ordinary path.
"""

import re

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

_PLACEHOLDER = "cfplaceholder0"
_SLUG = re.compile(r"[A-Za-z0-9_-]+")
_PATH = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*")
_parts: dict[tuple, tuple[str, str]] = {}


def reverse_one(viewname: str, kwarg: str, value: str) -> str:
    """Return reverse(viewname, kwargs={kwarg: value}), from a cached prefix when it can."""
    value = str(value)
    if not (_PATH if kwarg == "path" else _SLUG).fullmatch(value):
        return reverse(viewname, kwargs={kwarg: value})
    key = (viewname, kwarg, get_urlconf(), get_script_prefix())
    parts = _parts.get(key)
    if parts is None:
        url = reverse(viewname, kwargs={kwarg: _PLACEHOLDER})
        if url.count(_PLACEHOLDER) != 1:
            return reverse(viewname, kwargs={kwarg: value})
        parts = _parts[key] = tuple(url.split(_PLACEHOLDER))
    return parts[0] + value + parts[1]


def clear() -> None:
    _parts.clear()


@receiver(setting_changed)
def _urlconf_changed(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        clear()
