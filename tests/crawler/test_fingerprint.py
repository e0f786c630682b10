"""Request fingerprints come from the canonical URL and are the same in every process."""

from __future__ import annotations

import subprocess
import sys

from scrapy import Request

from crawler.fingerprint import GuideRequestFingerprinter

THREAD = "http://bbs.example/viewthread.php?tid=2811"


def fingerprint(url: str, **kwargs: object) -> bytes:
    return GuideRequestFingerprinter().fingerprint(Request(url, **kwargs))


def test_discuz_extra_parameter_does_not_change_the_fingerprint() -> None:
    assert fingerprint(THREAD + "&extra=page%3D1&page=1") == fingerprint(THREAD)


def test_second_page_has_its_own_fingerprint() -> None:
    assert fingerprint(THREAD + "&page=2") != fingerprint(THREAD)


def test_conditional_headers_do_not_change_the_fingerprint() -> None:
    assert fingerprint(THREAD, headers={"If-None-Match": '"abc"'}) == fingerprint(THREAD)


def test_fingerprint_is_the_same_in_another_process() -> None:
    code = (
        "from scrapy import Request; from crawler.fingerprint import GuideRequestFingerprinter as F;"
        f"print(F().fingerprint(Request({THREAD!r})).hex())"
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert other == fingerprint(THREAD).hex()
