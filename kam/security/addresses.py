"""The client's address, for sign-in throttling and the audit trail."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR; behind KAM_TRUSTED_PROXIES proxies, the address the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N
    proxies the N-th entry from the right is the client's; what stands left of it came from the
    client and may be forged. A header shorter than that, or not an address, is ignored.
    """
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    count = settings.KAM_TRUSTED_PROXIES
    if count < 1:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < count:
        return remote
    return _valid(forwarded[-count]) or remote
