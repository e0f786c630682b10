"""Scrapy settings for guidecrawl. PLACEHOLDER: the full settings and profiles are issue 6."""

BOT_NAME = "guidecrawl"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
ROBOTSTXT_OBEY = True
