"""`scrapy crawl`, checking the spider's `-a` arguments before anything starts (settings: COMMANDS_MODULE).

Scrapy creates the spider inside the running event loop, where a bad argument surfaces as a traceback. This
command asks the spider class first (`check_arguments(settings, **spargs)`, if it has one) and turns a
`ValueError` into Scrapy's usage error: one line on stderr, exit status 2. It changes nothing else.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None and self.settings is not None:
            spidercls = self.crawler_process.spider_loader.load(args[0])
            check = getattr(spidercls, "check_arguments", None)
            if check is not None:
                try:
                    check(self.settings, **opts.spargs)
                except ValueError as exc:
                    raise UsageError(str(exc), print_help=False) from None
        super().run(args, opts)
