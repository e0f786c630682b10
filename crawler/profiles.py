"""Setting profiles (demo / test / production / bench) from `crawler/profiles.toml`, applied as a Scrapy add-on.

The profile is chosen by `-s GUIDECRAWL_PROFILE=NAME`, else the GUIDECRAWL_PROFILE environment variable, else
production. A profile only fills values below the command line's priority: `-s NAME=VALUE` always wins.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from scrapy.settings import BaseSettings

PROFILES_FILE = Path(__file__).with_name("profiles.toml")
DEFAULT_PROFILE = "production"


@cache
def load_profiles() -> Mapping[str, Mapping[str, Any]]:
    return tomllib.loads(PROFILES_FILE.read_text(encoding="utf-8"))


def profile_name(settings: BaseSettings) -> str:
    return settings.get("GUIDECRAWL_PROFILE") or os.environ.get("GUIDECRAWL_PROFILE") or DEFAULT_PROFILE


class ProfileAddon:
    """Scrapy add-on: merges the chosen profile into the settings at 'addon' priority."""

    def update_settings(self, settings: BaseSettings) -> None:
        name = profile_name(settings)
        profiles = load_profiles()
        if name not in profiles:
            raise ValueError(f"unknown GUIDECRAWL_PROFILE {name!r} (known: {', '.join(profiles)})")
        settings.set("GUIDECRAWL_PROFILE", name, priority="addon")
        settings.setdict(dict(profiles[name]), priority="addon")
