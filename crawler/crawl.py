"""`scrapy crawl`, checking its input before anything starts (settings: COMMANDS_MODULE = "crawler.crawl").

Scrapy creates the spider inside the running event loop, where a bad argument surfaces as a traceback. This
command checks the profile name, then asks the spider class (`check_arguments(settings, **spargs)`, if it has
one), and turns a `ValueError` into Scrapy's usage error: one line on stderr, exit status 2. It changes
nothing else.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from crawler.profiles import load_profiles, profile_name


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if self.settings is not None:
            name = profile_name(self.settings)
            if name not in load_profiles():
                raise UsageError(
                    f"unknown GUIDECRAWL_PROFILE {name!r} (known: {', '.join(load_profiles())})", print_help=False
                )
        if self.settings is not None:
            from output.feed import check_feed_formats

            try:
                check_feed_formats(self.settings.getdict("FEEDS"))
            except ValueError as exc:
                raise UsageError(str(exc), print_help=False) from None
        if len(args) == 1 and self.crawler_process is not None and self.settings is not None:
            spidercls = self.crawler_process.spider_loader.load(args[0])
            check = getattr(spidercls, "check_arguments", None)
            if check is not None:
                try:
                    check(self.settings, **opts.spargs)
                except ValueError as exc:
                    raise UsageError(str(exc), print_help=False) from None
        super().run(args, opts)
