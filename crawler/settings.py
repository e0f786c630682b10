"""Scrapy settings for guidecrawl: everything that does not depend on where the crawl runs.

Speed, politeness, retries and timeouts come from a profile (`crawler/profiles.toml`, chosen with
`-s GUIDECRAWL_PROFILE=demo|test|production|bench` or the GUIDECRAWL_PROFILE environment variable), so they are
deliberately absent here: project-level values would override the profile. Per-site politeness comes from the
site registry (`crawler/sites.toml`).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    GUIDECRAWL_VERSION = version("guidecrawl")
except PackageNotFoundError:  # running from a source tree that was never installed
    GUIDECRAWL_VERSION = "0+unknown"

BOT_NAME = "guidecrawl"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
# `scrapy crawl` that reports bad -a arguments in one line (crawler/crawl.py).
COMMANDS_MODULE = "crawler.crawl"

# A named, versioned crawler that site owners can identify and block in robots.txt.
USER_AGENT = f"guidecrawl/{GUIDECRAWL_VERSION} (+https://github.com/guidecrawl/guidecrawl; insurance guide pages)"
ROBOTSTXT_OBEY = True
ROBOTSTXT_USER_AGENT = "guidecrawl"

ADDONS = {
    "crawler.profiles.ProfileAddon": 0,
    "crawler.site_state.LocalStateAddon": 10,
    "crawler.redis_frontier.RedisFrontierAddon": 20,  # only with GUIDECRAWL_REDIS_URL (docs/scaling.md)
}
GUIDECRAWL_REDIS_URL = None  # a shared Redis frontier for one big site over several workers
GUIDECRAWL_SHARED_STATE = None  # a site's state file on shared storage: used through a local copy (site_state.py)

# Fingerprints from the canonical URL (session/tracking parameters dropped): deterministic in every process.
REQUEST_FINGERPRINTER_CLASS = "crawler.fingerprint.GuideRequestFingerprinter"

# The response body is what decode() needs; keep Scrapy from caching or rewriting it.
HTTPCACHE_ENABLED = False
COMPRESSION_ENABLED = True
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
# 304 answers to conditional requests reach the spider (they mean "unchanged", not an error).
HTTPERROR_ALLOWED_CODES = [304]

COOKIES_ENABLED = False
# No listening port: a crawl must not open a console on the machine (tests/hostile/test_hostile_offsite.py
# checks a real crawl, every profile included).
TELNETCONSOLE_ENABLED = False
DEPTH_PRIORITY = 1  # breadth first: listings before the next listing page's articles
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

# A bug in a callback becomes an errors row for that page (crawler/middlewares.py); HttpError is Scrapy's own.
# Output flows from the spider down these numbers: content de-duplication (crawler/dedup.py) first, then the
# trap limits that count its duplicates (crawler/traps.py), then the host-and-port offsite filter.
SPIDER_MIDDLEWARES = {
    "crawler.middlewares.CallbackErrorMiddleware": 100,
    "crawler.offsite.OffsiteOriginMiddleware": 520,
    "crawler.traps.TrapLimitsMiddleware": 540,
    "crawler.dedup.ContentDedupMiddleware": 560,
}

# Hostile servers (docs/robustness.md): offsite is host AND port; every redirect ends in a row and stays on the
# site; a 304 nobody asked for is an errors row; Retry-After is honoured up to a cap; a robots.txt that answers
# 5xx means "try later" and a huge one is read only up to its first 500 KiB.
DOWNLOADER_MIDDLEWARES = {
    # crawler/offsite.py is the one offsite check: Scrapy's own drops a request when it is scheduled, with no row
    # (and compares host names as written: `LOCALHOST`, `localhost.`).
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.offsite.OffsiteRequestMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.TryLaterRobotsTxtMiddleware": 100,
    "crawler.retry_after.RetryAfterMiddleware": 560,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.redirects.GuardedMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.compression.CompleteStreamCompressionMiddleware": 590,  # a compressed body cut short is an error
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.redirects.GuardedRedirectMiddleware": 600,
    "crawler.redirects.UnsolicitedNotModifiedMiddleware": 610,
}
# Trap limits (crawler/traps.py; 0 turns one off) and the Retry-After cap in seconds.
GUIDECRAWL_MAX_PAGES = 20000
GUIDECRAWL_MAX_QUERY_VARIANTS = 1000
GUIDECRAWL_MAX_PATH_DUPLICATES = 10
GUIDECRAWL_MAX_DEPTH = 50
GUIDECRAWL_RETRY_AFTER_MAX = 120
GUIDECRAWL_ROBOTSTXT_MAX_BYTES = 500 * 1024

ITEM_PIPELINES = {
    "crawler.pipelines.ErrorStatsPipeline": 100,
    "crawler.pipelines.DatasetPipeline": 800,
}

FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORTERS = {  # one row shape in every format (output/feed.py); xml, marshal, pickle refused
    "parquet": "output.feed.ParquetItemExporter",
    "jsonl": "output.feed.JsonLinesFeedExporter",
    "jsonlines": "output.feed.JsonLinesFeedExporter",
    "jl": "output.feed.JsonLinesFeedExporter",
    "json": "output.feed.JsonFeedExporter",
    "csv": "output.feed.CsvFeedExporter",
    "xml": "output.feed.RefusedFormatExporter",
    "marshal": "output.feed.RefusedFormatExporter",
    "pickle": "output.feed.RefusedFormatExporter",
}

# Where the table dataset goes (-s OUTPUT_DIR=DIR) and the incremental state file (-s STATE_FILE=FILE,
# default OUTPUT_DIR/state.sqlite). Neither set: items only go to the -o/-O feeds, every page is new.
OUTPUT_DIR = None
STATE_FILE = None
GUIDECRAWL_SITES: list[str] = []  # extra site registry files (TOML), after crawler/sites.toml
GUIDECRAWL_RUN_ID = None  # name of this run in state and output files (default: a random hex id)
GUIDECRAWL_SCRIPT = "hans"  # normalize() target script: hans | hant | keep

LOG_LEVEL = "INFO"  # not in the profiles: the command line (-L, -s LOG_LEVEL) decides
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
