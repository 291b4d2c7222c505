import re

from django import template

register = template.Library()

_ATTRIBUTE_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")


@register.inclusion_tag("components/responsive_image.html")
def responsive_image(obj, *, field="featured_image", sizes="100vw", fit=None, alt=None, **attrs):
    """Render `obj`'s image as an <img> with srcset, sizes, width and height; nothing if unset.

    Reads `<field>`, `<field>_width`, `<field>_height`, `<field>_renditions` and, unless
    `alt` is given, `<field>_alt`. `fit` is the widest the image is shown, in CSS pixels
    (a list's thumbnail): `src` is then the smallest copy at least that wide, so even a
    browser that ignores srcset loads a small file. Other keyword arguments become
    attributes (class, loading, fetchpriority, id…); `loading` defaults to "lazy"; None or
    False drops one. A file missing from storage is shown as a placeholder of the same
    size (#15).
    """
    image = getattr(obj, field, None)
    if not image:
        return {"src": ""}
    alt_text = getattr(obj, f"{field}_alt", "") if alt is None else alt
    for name in attrs:
        if not _ATTRIBUTE_NAME.match(name):
            raise template.TemplateSyntaxError(f"responsive_image: bad attribute name {name!r}")
    attrs.setdefault("loading", "lazy")
    width = getattr(obj, f"{field}_width", None)
    height = getattr(obj, f"{field}_height", None)
    storage = image.storage
    if not _stored(storage, image.name):
        return {
            "placeholder": True,
            "alt": alt_text,
            "class": attrs.get("class") or "",
            "width": width or 16,
            "height": height or 9,
        }
    candidates = [
        (storage.url(r["name"]), r["width"])
        for r in sorted(getattr(obj, f"{field}_renditions", None) or (), key=lambda r: r["width"])
        if not width or r["width"] < width
    ]
    src = image.url
    if candidates and width:
        if width <= 2 * candidates[-1][1]:
            candidates.append((image.url, width))
        else:
            # A huge original (a 6000 px photo) is never worth sending to a page: the largest
            # rendition stands in for it.
            src = candidates[-1][0]
    if fit and candidates:
        wide_enough = [url for url, w in candidates if w >= int(fit)]
        src = wide_enough[0] if wide_enough else candidates[-1][0]
    return {
        "src": src,
        # A single candidate says nothing a plain src does not.
        "srcset": ", ".join(f"{url} {w}w" for url, w in candidates) if len(candidates) > 1 else "",
        "sizes": sizes,
        "width": width,
        "height": height,
        "alt": alt_text,
        "attrs": [(k, v) for k, v in attrs.items() if v is not None and v is not False],
    }


def _stored(storage, name: str) -> bool:
    """Return whether the file exists; a storage that cannot tell counts as having it."""
    try:
        return storage.exists(name)
    except OSError:
        return True
