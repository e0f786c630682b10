"""The schema of the site registry (`sites.toml`, users' `--sites` files) and of `platforms.toml`, checked on load.

A mistake in a registry file is reported as one line naming the file, the table (site or platform) and the key:

    my_sites.toml: site 'fzyb': unknown key 'platform' (known: allowed_domains, css, ...)

What it checks: TOML syntax; unknown keys (at every level, `css.bdy` too); types (a string where a list is
expected, a float for an integer); regexes that do not compile; start URLs that Scrapy could not fetch (not
http(s), no host, a port outside 1-65535, an unreadable IPv6 address: `url_problem`, which the spider also applies to
`-a url=`, each line of `-a url_file=` and `-a base_url=`); allowed domains that are not host names (a scheme, a path,
a port, a space); site names that could not name a file; families and platforms that do not exist; politeness values
out of range. It never checks the network: whether a site answers is
`guidecrawl sites check`'s business.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FAMILIES = ("article", "listing", "forum", "qa")
HOST_NAME = re.compile(r"(?=.{1,253}\Z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\Z")
# A site name becomes part of lock, log, job and table file names: ASCII only (no normalization or encoding of
# file names to depend on), never `.` or `..` alone (a name must start with a letter or digit), no `/`.
TABLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
TABLE_NAME_RULE = "name must be ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"
FETCHED_SCHEMES = ("http", "https")


class RegistryError(ValueError):
    """A registry file that does not follow the schema: its message is the one line the user sees."""


@dataclass(frozen=True, slots=True)
class Where:
    """Where a value sits: file, table kind and name, dotted key (for the message)."""

    file: str
    kind: str  # "site" | "platform"
    table: str

    def error(self, key: str, problem: str) -> RegistryError:
        return RegistryError(f"{self.file}: {self.kind} {self.table!r}: {key}: {problem}")


Check = Callable[[Where, str, Any], None]


def _type_name(value: Any) -> str:
    return {str: "a string", bool: "a boolean", int: "an integer", float: "a number", list: "a list"}.get(
        type(value), "a table" if isinstance(value, dict) else type(value).__name__
    )


def _string(where: Where, key: str, value: Any) -> None:
    if not isinstance(value, str):
        raise where.error(key, f"must be a string, got {_type_name(value)}")


def _boolean(where: Where, key: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise where.error(key, f"must be true or false, got {_type_name(value)}")


def _list_of(item: Check, *, non_empty: bool = False) -> Check:
    def check(where: Where, key: str, value: Any) -> None:
        if not isinstance(value, list):
            raise where.error(key, f"must be a list, got {_type_name(value)} (write [{value!r}])")
        if non_empty and not value:
            raise where.error(key, "must not be empty")
        for index, element in enumerate(value):
            item(where, f"{key}[{index}]", element)

    return check


def _regex(where: Where, key: str, value: Any) -> None:
    _string(where, key, value)
    try:
        re.compile(value)
    except re.error as exc:
        raise where.error(key, f"bad regular expression {value!r}: {exc}") from None


def url_problem(url: str) -> tuple[str, str] | None:
    """Why Scrapy could not fetch `url` as written, as (errors-row code, one line); None for a fetchable http(s) URL.

    Scrapy's `Request` raises on a port out of range or an unclosed IPv6 bracket: raised inside a spider's start
    requests, that ends the reading of every later start URL. So every URL given to a crawl passes here first.
    """
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "Invalid IPv6 URL"
        return "invalid_url", f"not an http(s) URL: {url!r} ({exc})"
    if parts.scheme not in FETCHED_SCHEMES:
        return "unsupported_scheme", f"not an http(s) URL: {url!r}"
    try:
        port = parts.port
    except ValueError:  # out of range, or not a number
        port = -1
    if port is not None and not 1 <= port <= 65535:  # port 0 is no server's port either
        return "invalid_url", f"not an http(s) URL: {url!r} (the port must be a number from 1 to 65535)"
    if not parts.hostname:
        return "invalid_url", f"not an http(s) URL: {url!r} (no host)"
    return None


def _http_url(where: Where, key: str, value: Any) -> None:
    _string(where, key, value)
    problem = url_problem(value)
    if problem is not None:
        raise where.error(key, problem[1])


def _domain(where: Where, key: str, value: Any) -> None:
    _string(where, key, value)
    # Host names are case-insensitive and `host.` (fully qualified) is `host`: sites.py stores them lower-case,
    # without the dot.
    if not HOST_NAME.match(value.lower().removesuffix(".")):
        raise where.error(key, f"not a host name: {value!r} (write the host only: no scheme, port or path)")


def _one_of(choices: tuple[str, ...]) -> Check:
    def check(where: Where, key: str, value: Any) -> None:
        _string(where, key, value)
        if value not in choices:
            raise where.error(key, f"unknown value {value!r} (known: {', '.join(choices)})")

    return check


def _number(low: float, *, integer: bool = False) -> Check:
    def check(where: Where, key: str, value: Any) -> None:
        ok = isinstance(value, int) if integer else isinstance(value, int | float)
        if isinstance(value, bool) or not ok:
            raise where.error(key, f"must be {'an integer' if integer else 'a number'}, got {_type_name(value)}")
        if value < low:
            raise where.error(key, f"must be at least {low:g}, got {value!r}")

    return check


def _table(fields: Mapping[str, Check]) -> Check:
    def check(where: Where, key: str, value: Any) -> None:
        if not isinstance(value, dict):
            raise where.error(key, f"must be a table, got {_type_name(value)}")
        _check_keys(where, value, fields, prefix=f"{key}.")

    return check


def _string_table(where: Where, key: str, value: Any) -> None:
    if not isinstance(value, dict):
        raise where.error(key, f"must be a table, got {_type_name(value)}")
    for name, element in value.items():
        _string(where, f"{key}.{name}", element)


def _check_keys(where: Where, table: Mapping[str, Any], fields: Mapping[str, Check], prefix: str = "") -> None:
    for key, value in table.items():
        if key not in fields:
            raise where.error(f"{prefix}{key}", f"unknown key (known: {', '.join(sorted(fields))})")
        fields[key](where, f"{prefix}{key}", value)


LINK_FIELDS: dict[str, Check] = {
    "guide_links": _list_of(_regex),
    "listing_links": _list_of(_regex),
    "deny_links": _list_of(_regex),
}
PLATFORM_FIELDS: dict[str, Check] = {
    **LINK_FIELDS,
    "strip_params": _list_of(_string),
    "default_params": _string_table,
}
POLITENESS_FIELDS: dict[str, Check] = {"delay": _number(0.0), "concurrency": _number(1, integer=True)}
CSS_FIELDS: dict[str, Check] = {"body": _string}


def site_fields(platforms: tuple[str, ...]) -> dict[str, Check]:
    return {
        "start_urls": _list_of(_http_url, non_empty=True),
        "allowed_domains": _list_of(_domain),
        "family": _one_of(FAMILIES),
        "platforms": _list_of(_one_of(platforms)),
        **LINK_FIELDS,
        "css": _table(CSS_FIELDS),
        "politeness": _table(POLITENESS_FIELDS),
        "follow": _boolean,
        "scheduled": _boolean,
    }


MAX_REGISTRY_BYTES = 16 * 1024 * 1024  # thousands of sites fit in a few hundred KiB


def read_toml(path: Path) -> dict[str, Any]:
    """The file's tables; a RegistryError naming the file if it cannot be read or parsed, or is larger than any
    registry (`--sites /dev/zero` is refused after MAX_REGISTRY_BYTES, not read until memory runs out)."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_REGISTRY_BYTES + 1)
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_REGISTRY_BYTES:
        raise RegistryError(f"{path}: larger than {MAX_REGISTRY_BYTES} bytes: not a site registry")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RegistryError(f"{path}: not UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: invalid TOML: {exc}") from None


def _check_tables(path: Path, kind: str, document: Mapping[str, Any], fields: Mapping[str, Check]) -> None:
    for name, spec in document.items():
        where = Where(str(path), kind, name)
        if not isinstance(spec, dict):
            raise RegistryError(f"{path}: {name!r} must be a [{name}] table of {kind} keys, got {_type_name(spec)}")
        if not TABLE_NAME.match(name):
            raise RegistryError(f"{path}: {kind} {name!r}: {TABLE_NAME_RULE}")
        _check_keys(where, spec, fields)


def check_platforms(path: Path, document: Mapping[str, Any]) -> None:
    _check_tables(path, "platform", document, PLATFORM_FIELDS)


def check_sites(path: Path, document: Mapping[str, Any], platforms: tuple[str, ...]) -> None:
    _check_tables(path, "site", document, site_fields(platforms))
    for name, spec in document.items():
        if "start_urls" not in spec:
            raise Where(str(path), "site", name).error("start_urls", "missing (a list of http(s) URLs)")
