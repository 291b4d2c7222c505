import ipaddress
import logging

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST

from cryptoflexs.core.antispam import client_ip

from .metrics import render

logger = logging.getLogger(__name__)


def _allowed(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in settings.METRICS_ALLOWED_IPS:
        try:
            if ip in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            logger.warning("METRICS_ALLOWED_IPS: %r is not an address or network", entry)
    return False


@never_cache
def metrics(request):
    """Prometheus metrics: 404 unless METRICS_ENABLED, 403 outside METRICS_ALLOWED_IPS."""
    if not settings.METRICS_ENABLED:
        raise Http404("metrics are turned off")
    if not _allowed(client_ip(request)):
        return HttpResponseForbidden("metrics: this address is not in METRICS_ALLOWED_IPS\n")
    return HttpResponse(render(), content_type=CONTENT_TYPE_LATEST)
