"""The client's address, as the audit trail and sign-in throttling see it.

`X-Forwarded-For` is believed only when the request reached us from a proxy named in
`TRUSTED_PROXIES` (addresses or networks, e.g. "127.0.0.1,10.0.8.0/24"). Anyone else who sends the
header is recorded with the address the connection really came from, so a client cannot write its
own audit address or dodge throttling by inventing one.

Behind trusted proxies the header is read from the right: each proxy appends the address it saw, so
the first address that is not one of our proxies is the client (whatever the client put on the left
is ignored). nginx's `$proxy_add_x_forwarded_for` and Caddy's `reverse_proxy` both append this way.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def trusted_networks() -> tuple[Network, ...]:
    """Return the networks of the proxies whose X-Forwarded-For is believed (settings.TRUSTED_PROXIES)."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def _parse(address: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """Return an address from a header entry ('1.2.3.4', '1.2.3.4:5678', '[::1]:80', '::1'), or None."""
    if not address:
        return None
    address = address.strip().strip('"')
    if address.startswith("["):  # [IPv6]:port
        address = address[1:].split("]", 1)[0]
    elif address.count(":") == 1:  # IPv4:port
        address = address.split(":", 1)[0]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped:
        return parsed.ipv4_mapped  # '::ffff:10.0.0.1' from a dual-stack socket is 10.0.0.1
    return parsed


def is_trusted_proxy(address) -> bool:
    return address is not None and any(address in network for network in trusted_networks())


def came_through_trusted_proxy(request) -> bool:
    """Return whether the connection itself came from one of our proxies."""
    return is_trusted_proxy(_parse(request.META.get("REMOTE_ADDR")))


def client_ip(request) -> str | None:
    """Return the client's address: the connection's, or, through our proxies only, the one they forwarded."""
    peer = _parse(request.META.get("REMOTE_ADDR"))
    if peer is None:
        return request.META.get("REMOTE_ADDR") or None
    if not is_trusted_proxy(peer):
        return str(peer)
    client = peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:  # garbage in the header: stop at the last address a proxy vouched for
            break
        client = address
        if not is_trusted_proxy(address):
            break
    return str(client)


def client_port(request) -> int | None:
    """Return the client's port when a trusted proxy forwarded it (X-Forwarded-Port), else None."""
    if not came_through_trusted_proxy(request):
        return None
    try:
        return int(request.META.get("HTTP_X_FORWARDED_PORT", ""))
    except ValueError:
        return None
