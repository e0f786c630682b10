"""What the `guides` spider yields: plain dataclasses from the extraction stages, no Scrapy Item classes.

- `extract.pipeline.PageResult`: a fetched page through decode → content → normalize → entities
  (its `errors` hold a stage that failed);
- `extract.errors.PageError`: a request that never produced a page (HTTP error, timeout, robots.txt …).

Scrapy handles both through itemadapter (dataclass support), so `-o/-O` feeds and the pipelines take them as is.
"""

from __future__ import annotations

from extract.errors import PageError
from extract.pipeline import PageResult

ITEM_TYPES = (PageResult, PageError)
