"""The site's incremental state on local disk for the run, put back on a clean close (Scrapy add-on + extension).

With `-s GUIDECRAWL_SHARED_STATE=PATH` (set by crawler/scrapyd_dispatch.py; PATH is on the shared --out), the
add-on copies PATH to a private temp folder on the node and points STATE_FILE there, so SQLite's locks and WAL
live on a local filesystem, never on NFS. When the spider closes — any close reason: finished, timeout, a
signal Scrapy handled — the extension writes a consistent copy back (SQLite's backup API into a hidden temp
file, then a rename). A crawl killed with SIGKILL never reaches that point: PATH keeps the state of before the run.
Without the setting nothing happens.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)
SETTING = "GUIDECRAWL_SHARED_STATE"
LOCAL_SETTING = "GUIDECRAWL_LOCAL_STATE"  # where the add-on put the local copy (set by the add-on only)


class LocalStateAddon:
    # Before the crawler exists: the spider reads STATE_FILE when it is created, before add-ons' update_settings.
    @classmethod
    def update_pre_crawler_settings(cls, settings: BaseSettings) -> None:
        shared = settings.get(SETTING)
        if not shared:
            return
        local = Path(tempfile.mkdtemp(prefix="guidecrawl-state-")) / Path(shared).name
        if Path(shared).is_file():
            shutil.copyfile(shared, local)
        settings.set("STATE_FILE", str(local), priority="cmdline")
        settings.set(LOCAL_SETTING, str(local), priority="cmdline")
        # added whatever priority EXTENSIONS was set with (a plain set at "addon" loses to -s EXTENSIONS=...)
        settings.set_in_component_priority_dict("EXTENSIONS", StatePutBack, 0)


class StatePutBack:
    def __init__(self, shared: Path, local: Path) -> None:
        self.shared = shared
        self.local = local

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatePutBack:
        shared, local = crawler.settings.get(SETTING), crawler.settings.get(LOCAL_SETTING)
        if not shared or not local:
            raise NotConfigured
        extension = cls(Path(shared), Path(local))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if not self.local.is_file():
            return
        self.shared.parent.mkdir(parents=True, exist_ok=True)
        temp = self.shared.with_name(f".{self.shared.name}.{os.getpid()}.tmp")
        source = sqlite3.connect(self.local)
        target = sqlite3.connect(temp)
        try:
            source.backup(target)  # includes what is still in the WAL
        finally:
            target.close()
            source.close()
        os.replace(temp, self.shared)
        shutil.rmtree(self.local.parent, ignore_errors=True)
        logger.info("state put back to %s (close reason %s)", self.shared, reason)
