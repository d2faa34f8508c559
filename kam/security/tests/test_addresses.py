"""The client's address: the connection's own, unless trusted proxies say otherwise."""

import pytest
from django.test import RequestFactory

from kam.security.addresses import client_address


def _request(remote: str = "10.0.0.5", forwarded: str | None = None) -> object:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)


def test_it_ignores_x_forwarded_for_without_trusted_proxies(settings: object) -> None:
    settings.KAM_TRUSTED_PROXIES = 0
    assert client_address(_request(forwarded="1.2.3.4")) == "10.0.0.5"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        # what the client sent itself stands left of what the proxy appended
        (1, "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        (2, "1.2.3.4, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.5"),  # shorter than the proxies: not through them
        (1, "not-an-address", "10.0.0.5"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_it_reads_the_address_the_outermost_trusted_proxy_saw(
    settings: object, proxies: int, forwarded: str, address: str
) -> None:
    settings.KAM_TRUSTED_PROXIES = proxies
    assert client_address(_request(forwarded=forwarded)) == address


def test_it_uses_the_connection_when_the_proxy_sent_no_header(settings: object) -> None:
    settings.KAM_TRUSTED_PROXIES = 1
    assert client_address(_request()) == "10.0.0.5"
