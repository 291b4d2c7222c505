"""The site's one namespace of top-level addresses, `/<slug>/`.

Static pages (here), articles and their old addresses (the articles app) all answer at
`/<slug>/`, and the site's own paths (`/search/`, `/feed/` …) come before them. `core` cannot
ask the apps above it directly: each registers a claim in its AppConfig.ready(), and whoever
wants a slug asks `slug_claimed()`.
"""

from collections.abc import Callable

# Top-level paths the site itself uses: a page or an article may not take one as its slug.
RESERVED_SLUGS = frozenset(
    {
        "admin", "api", "author", "category", "tag", "search", "static", "media", "feed",
        "page", "preview", "sitemap", "robots", "health", "accounts", "newsletter", "submit",
        "directory", "contact", "comments", "coin", "coins", "markets",
    }
)  # fmt: skip

# (name, claim): a claim returns why `slug` is taken (None when free); `owner` is the object
# asking for the slug, so that its own current slug does not count against it.
SlugClaim = Callable[[str, object], str | None]
_claims: dict[str, SlugClaim] = {}


def register_slug_claim(name: str, claim: SlugClaim) -> None:
    """Add (or replace, by `name`) a claim on top-level slugs."""
    _claims[name] = claim


def slug_reserved(slug: str) -> str | None:
    """Return why `slug` shadows one of the site's own paths, or None."""
    if slug in RESERVED_SLUGS:
        return f"“{slug}” is used by the site itself; choose another slug."
    if len(slug) == 4 and slug.isdigit():
        return f"“{slug}” is the address of a year archive; choose another slug."
    return None


def slug_claimed(slug: str, *, owner=None, skip: str = "") -> str | None:
    """Return why `slug` is not free for `owner` (reserved, or claimed by an app), or None.

    `skip` names a claim to leave out: the one whose rules the caller applies itself.
    """
    reason = slug_reserved(slug)
    if reason:
        return reason
    for name, claim in _claims.items():
        if name != skip:
            reason = claim(slug, owner)
            if reason:
                return reason
    return None
