"""Request fingerprints from the canonical URL, so de-duplication agrees across processes and machines.

A fingerprint is sha1(method, canonical URL, body): no process-local salt, no headers (conditional headers
must not make a page look new). `crawler.platforms.canonical_url` decides which parameters do not matter.
"""

from __future__ import annotations

import hashlib
from weakref import WeakKeyDictionary

from scrapy import Request

from crawler.platforms import canonical_url


class GuideRequestFingerprinter:
    def __init__(self) -> None:
        self._cache: WeakKeyDictionary[Request, bytes] = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler: object) -> GuideRequestFingerprinter:
        return cls()

    def fingerprint(self, request: Request) -> bytes:
        cached = self._cache.get(request)
        if cached is not None:
            return cached
        digest = hashlib.sha1()
        digest.update(request.method.encode("ascii"))
        digest.update(b"\0")
        digest.update(canonical_url(request.url).encode("utf-8"))
        digest.update(b"\0")
        digest.update(request.body or b"")
        value = digest.digest()
        self._cache[request] = value
        return value
