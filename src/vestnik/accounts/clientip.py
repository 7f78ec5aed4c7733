"""The one rule for "which address is this request from": login lockout, audit log, rate limits.

Behind a proxy every request arrives from the proxy's address. The proxy adds the address it
saw to a header (`VESTNIK_CLIENT_IP_HEADER`, e.g. `X-Forwarded-For`); anyone can send that
header too, so it is believed only when the request comes from a proxy we run
(`VESTNIK_TRUSTED_PROXIES`), and only as far as our own proxies wrote it: we walk its hops from
the right and take the first address that is not one of our proxies. Entries to the left of that
were written by the client itself and are ignored.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# A forwarded header longer than this is a hostile one; no real chain of proxies is that long.
MAX_HOPS = 32


@functools.lru_cache(maxsize=8)
def trusted_networks(value: str) -> tuple[Network, ...]:
    """`127.0.0.1/32, 10.0.0.0/8` → the networks; a typo stops the site rather than trust all."""
    networks = []
    for part in value.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"VESTNIK_TRUSTED_PROXIES: {part!r} is not an address or network (CIDR): {exc}"
            ) from exc
    return tuple(networks)


def parse_address(value: str) -> Address | None:
    """An address as proxies write it: `203.0.113.5`, `203.0.113.5:4711`, `[2001:db8::1]:80`."""
    value = value.strip().strip('"')
    if not value or len(value) > 64:
        return None
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # IPv4 with a port; bare IPv6 has several colons
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: Address | None, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address by the site's proxy policy; None when there is none to tell."""
    if request is None:
        return None
    peer_text = str(request.META.get("REMOTE_ADDR", "") or "")
    peer = parse_address(peer_text)
    header = str(settings.VESTNIK_CLIENT_IP_HEADER or "").strip()
    if not header:
        return str(peer) if peer is not None else None
    networks = trusted_networks(str(settings.VESTNIK_TRUSTED_PROXIES or ""))
    # A peer that is no IP address is a Unix socket: only a local proxy can be on its other end.
    if peer is not None and not _trusted(peer, networks):
        return str(peer)
    raw = request.headers.get(header, "")
    hops = [hop for hop in raw.split(",") if hop.strip()][-MAX_HOPS:]
    found = peer
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            break  # garbage written by the client; the last hop our proxies wrote stands
        found = address
        if not _trusted(address, networks):
            break
    return str(found) if found is not None else None
