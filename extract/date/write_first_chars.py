"""Rewrites extract/data/date_first_chars.toml from the date grammars (see extract/date/first_chars.py).

python -m extract.date.write_first_chars
"""

from __future__ import annotations

import sys

from extract.date import _grammars
from extract.date.first_chars import FILE, write

if __name__ == "__main__":
    written = write(_grammars())
    print(f"{FILE.name}: a first-character class for {len(written)} of {len(_grammars())} grammars", file=sys.stderr)
