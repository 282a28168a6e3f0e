"""The site's public address: the one a deploy sets in the environment, and whether it is a placeholder."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from generator.content.field_types import SITE_URL_PATTERN

SITE_URL_ENV = "FOOTGUIDE_SITE_URL"
# Hosts that can never be the published site (RFC 2606 and 6761 names).
_PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net", "localhost")
_PLACEHOLDER_SUFFIXES = (".example", ".invalid", ".test", ".localhost", ".example.org", ".example.com", ".example.net")


class AddressError(ValueError):
    """A published address that is not a site address."""


def published_address() -> str | None:
    """The address set in the environment (`build --site-url`, or a deploy), which wins over site.yaml."""
    address = os.environ.get(SITE_URL_ENV, "").strip()
    return check_address(address) if address else None


def check_address(address: str) -> str:
    """The address, if it has the form of a site address; else AddressError says how to write one."""
    if not re.fullmatch(SITE_URL_PATTERN, address):
        form = "https://example.org/numb-feet/ (https, ending in '/')"
        raise AddressError(f"'{address}' is not a site address; write it like {form}")
    return address


def set_published_address(address: str) -> None:
    """Use this address for the rest of this process and the processes it starts."""
    os.environ[SITE_URL_ENV] = address


def is_placeholder(address: str) -> bool:
    """Whether the address is one no real site has (example.org and the like)."""
    host = (urlsplit(address).hostname or "").lower()
    return host in _PLACEHOLDER_HOSTS or host.endswith(_PLACEHOLDER_SUFFIXES)
