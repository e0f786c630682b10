"""Setting profiles (crawler/profiles.toml): chosen by -s or the environment, never over an explicit -s."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from crawler.profiles import ProfileAddon
from tests.crawler.conftest import REPO, SCRAPY


def settings_with(monkeypatch: pytest.MonkeyPatch, env: str | None = None, **cmdline: object) -> Settings:
    if env is None:
        monkeypatch.delenv("GUIDECRAWL_PROFILE", raising=False)
    else:
        monkeypatch.setenv("GUIDECRAWL_PROFILE", env)
    settings = get_project_settings()
    settings.setdict(cmdline, priority="cmdline")
    ProfileAddon().update_settings(settings)
    return settings


def test_production_is_the_default_and_polite(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_with(monkeypatch)
    assert settings["GUIDECRAWL_PROFILE"] == "production"
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2
    assert settings.getint("RETRY_TIMES") == 3


def test_profile_from_the_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_with(monkeypatch, GUIDECRAWL_PROFILE="demo")
    assert not settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.0


def test_profile_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings_with(monkeypatch, env="test").getint("DOWNLOAD_TIMEOUT") == 5


def test_explicit_setting_wins_over_the_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_with(monkeypatch, GUIDECRAWL_PROFILE="production", DOWNLOAD_TIMEOUT=90)
    assert settings.getint("DOWNLOAD_TIMEOUT") == 90


def test_user_agent_names_the_crawler_and_its_version() -> None:
    user_agent = get_project_settings()["USER_AGENT"]
    assert user_agent.startswith("guidecrawl/")
    assert user_agent.split("/")[1].split(" ")[0][0].isdigit()
    assert get_project_settings().getbool("ROBOTSTXT_OBEY")
    assert not get_project_settings().getbool("HTTPCACHE_ENABLED")


def test_unknown_profile_is_a_one_line_error() -> None:
    import subprocess

    proc = subprocess.run(
        [SCRAPY, "crawl", "guides", "-a", "site=fixture", "-s", "GUIDECRAWL_PROFILE=fast"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1].startswith("scrapy: error: unknown GUIDECRAWL_PROFILE 'fast'")
