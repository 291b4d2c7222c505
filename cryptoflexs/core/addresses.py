"""The site's own address when SITE_URL is not set: where `manage.py serve` listens.

Imported by the settings, so it imports nothing of Django's.
"""

WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 - names, not a bind


def listen_url(host: str, port: int | str) -> str:
    """Return the http:// address readers on this machine use for a server on host:port.

    A server listening on every interface is reached on this machine at 127.0.0.1: from
    elsewhere, only SITE_URL can say which name readers use.
    """
    host = (host or "").strip().strip("[]")
    if host in WILDCARD_HOSTS:
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    port = str(port).strip()
    return f"http://{host}" + ("" if port in ("", "80") else f":{port}")


def is_wildcard(host: str) -> bool:
    return (host or "").strip().strip("[]") in WILDCARD_HOSTS
