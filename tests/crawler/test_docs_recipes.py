"""The cron line and the systemd units of docs/crawling.md, as written: the cron line runs against the fixture
site (paths moved to a temp folder), the service's ExecStart parses as a `guidecrawl crawl` command line."""

from __future__ import annotations

import configparser
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import build_parser
from crawler.outcome import Exit
from tests.crawler.conftest import REPO, Served

pytestmark = pytest.mark.slow

DOC = (REPO / "docs" / "crawling.md").read_text(encoding="utf-8")
CRON_FIELDS = re.compile(r"^(\S+\s+){5}")


def fenced(language: str) -> str:
    """The first ```language block of docs/crawling.md's scheduling section."""
    section = DOC[DOC.index("### Scheduling") :]
    return section[
        section.index(f"```{language}\n") + len(language) + 4 : section.index(
            "```\n", section.index(f"```{language}\n") + 4
        )
    ]


def cron_line() -> str:
    return fenced("cron").strip()


def unit(name: str) -> configparser.ConfigParser:
    text = fenced("ini")
    start = text.index(f"# {name}\n")
    end = text.find("\n# guidecrawl@", start + 1)
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    parser.read_string(text[start : end if end > 0 else None])
    return parser


def test_cron_line_has_five_schedule_fields_and_a_guidecrawl_crawl_command() -> None:
    line = cron_line()
    assert CRON_FIELDS.match(line)
    assert "%" not in line  # cron would cut the command at an unescaped %
    command = CRON_FIELDS.sub("", line)
    invocation = shlex.split(command.split("&&", 1)[1].split(">>")[0])
    assert invocation[0].endswith("/guidecrawl") and invocation[1] == "crawl"
    args = build_parser().parse_args(invocation[1:])
    assert args.all and args.out and args.sites and args.timeout


def test_cron_line_runs_against_the_fixture_site(site: Served, tmp_path: Path) -> None:
    """The line as written, with its folders moved to tmp_path and the registry file naming the fixture site."""
    registry = tmp_path / "etc" / "sites.toml"
    registry.parent.mkdir()
    registry.write_text(
        f'[fixture-nightly]\nstart_urls = ["{site.url}/news/list.html"]\nplatforms = ["portal", "discuz", "qa"]\n'
        "guide_links = ['/news/(?!list)[\\w/]+\\.html$', '/en/[^/]+\\.html$']\n"
        "listing_links = ['/news/list(_\\d+)?\\.html$']\ndeny_links = ['/_fixture/']\n"
        "politeness = { delay = 0.0, concurrency = 8 }\n",  # a local server: no second between requests
        encoding="utf-8",
    )
    (tmp_path / "log").mkdir()
    command = CRON_FIELDS.sub("", cron_line())
    for written, moved in (
        ("/srv/guidecrawl", str(REPO)),
        (".venv/bin/guidecrawl", f"{sys.executable} -m cli"),
        ("/data/guidecrawl", str(tmp_path / "data")),
        ("/etc/guidecrawl/sites.toml", str(registry)),
        ("/var/log/guidecrawl", str(tmp_path / "log")),
    ):
        assert written in command
        command = command.replace(written, moved)
    site.set_version(1)
    proc = subprocess.run(["sh", "-c", command + " --profile test"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == Exit.PAGES_FAILED  # the fixture site's 404s
    log = (tmp_path / "log" / "crawl.log").read_text(encoding="utf-8")
    assert log.startswith("guidecrawl crawl: run ") and log.count("\n") == 1
    records = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "data" / "_runs").glob("*.json")]
    assert [sorted(r["sites"]) for r in records] == [["fixture-nightly"]]  # the bundled fixture sites are not scheduled
    assert records[0]["rows"]["documents"] == 9


def test_systemd_service_runs_guidecrawl_crawl_with_a_valid_command_line() -> None:
    service = unit("guidecrawl@.service")["Service"]
    argv = shlex.split(service["ExecStart"].replace("%i", "fzyb"))
    assert argv[0].endswith("/guidecrawl") and argv[1] == "crawl"
    args = build_parser().parse_args(argv[1:])
    assert args.site == ["fzyb"] and args.out == "/data/guidecrawl" and not args.all
    assert service["Type"] == "oneshot" and service["KillSignal"] == "SIGINT"
    assert service["SuccessExitStatus"] == str(int(Exit.PAGES_FAILED))


def test_systemd_timer_fires_nightly() -> None:
    timer = unit("guidecrawl@.timer")
    assert timer["Timer"]["OnCalendar"] == "*-*-* 02:30"
    assert timer["Install"]["WantedBy"] == "timers.target"
