"""What a user gets from `pip install guidecrawl-*.whl`: the wheel is built from this tree, installed into a fresh
venv, and run from folders that have nothing to do with the repository.

What this proves: the wheel holds the five runtime packages and the demo site (package data) and nothing from
tests/ or benchmarks/; `guidecrawl demo` works from any folder; `scrapy crawl guides` works from any folder once
Scrapy is told the settings module (SCRAPY_SETTINGS_MODULE, or a user-level scrapy.cfg), as docs/install.md says.

What it does not prove: that pip resolves the dependency ranges. To stay fast and offline, the fresh venv reuses
the dependencies already installed for the tests (a .pth line pointing at their site-packages, which sits after
the venv's own site-packages, so the installed wheel's code wins) and the wheel is installed with --no-deps.
Subprocesses run without PYTHONPATH, so nothing from the checkout can leak in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.wheel]

REPO = Path(__file__).resolve().parents[2]
RUNTIME_PACKAGES = {"cli", "crawler", "extract", "normalize", "output"}
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "out", "__pycache__", ".*_cache", ".hypothesis", ".cache", ".scrapy"
)


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    home: Path  # HOME and XDG_CONFIG_HOME of the user running the installed commands

    @property
    def python(self) -> str:
        return str(self.venv / "bin" / "python")

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in _without_the_checkout().items() if k != "SCRAPY_SETTINGS_MODULE"}
        env.update(HOME=str(self.home), XDG_CONFIG_HOME=str(self.home / ".config"), **extra)
        return env

    def run(self, *command: str, cwd: Path, timeout: float = 180, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, cwd=cwd, env=self.env(**env), capture_output=True, text=True, timeout=timeout, check=False
        )


def _without_the_checkout() -> dict[str, str]:
    """This process's environment minus PYTHONPATH: pytest is often run with PYTHONPATH=<checkout>, and a checkout
    that had `pip install -e .` holds guidecrawl.egg-info, which pip then takes for an installed guidecrawl."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def _run(*command: str, cwd: Path) -> None:
    """Build and install steps: run from the temporary folder, without PYTHONPATH, like the installed commands."""
    proc = subprocess.run(
        command, cwd=cwd, env=_without_the_checkout(), capture_output=True, text=True, timeout=180, check=False
    )
    assert proc.returncode == 0, f"{' '.join(command)}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"  # a copy: the build writes build/ and *.egg-info, and a stale build/ would leak in
    shutil.copytree(REPO, source, ignore=NOT_SOURCE)
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(root), str(source),
         cwd=root)  # fmt: skip
    (wheel,) = root.glob("guidecrawl-*.whl")
    venv = root / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv), cwd=root)
    venv_site = Path(
        subprocess.check_output(
            [venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            env=_without_the_checkout(),
            text=True,
        ).strip()
    )
    dependency_dirs = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (venv_site / "guidecrawl-test-dependencies.pth").write_text("\n".join(dependency_dirs) + "\n", encoding="utf-8")
    # --force-reinstall: through the .pth, pip also sees the guidecrawl of the test venv (editable, or a `pip install .`
    # of the same version), and would keep that one instead of installing the wheel; it never uninstalls a guidecrawl
    # outside the fresh venv ("Not uninstalling ... outside environment").
    _run(sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q", "--no-deps",
         "--no-index", "--force-reinstall", str(wheel), cwd=root)  # fmt: skip
    home = root / "home"
    (home / ".config").mkdir(parents=True)
    return Installed(wheel, venv, home)


@contextmanager
def demo_site_served(installed: Installed, cwd: Path) -> Iterator[str]:
    """The installed fixture server with its default root: the demo site as the wheel installed it."""
    process = subprocess.Popen(
        [installed.python, "-m", "crawler.fixture_server"],
        cwd=cwd,
        env=installed.env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def test_the_wheel_holds_the_runtime_packages_and_the_demo_site_only(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    top_level = {name.split("/")[0] for name in names if ".dist-info/" not in name}
    assert top_level == RUNTIME_PACKAGES
    assert "crawler/demo_site/routes.toml" in names
    assert "crawler/demo_site/pages/fuzhou_guide.gb18030.html" in names
    assert "crawler/settings.py" in names and "extract/pipeline.py" in names
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/")) or "/tests/" in n]
    assert not [n for n in names if n.endswith(("scrapy.cfg", "build_demo_site.py"))]


def test_the_commands_run_the_installed_code_not_the_checkout(installed: Installed, tmp_path: Path) -> None:
    where = installed.run(
        installed.python, "-c", "import cli, crawler.settings; print(cli.__file__); print(crawler.settings.__file__)",
        cwd=tmp_path,
    )  # fmt: skip
    assert where.returncode == 0, where.stderr
    for line in where.stdout.splitlines():
        assert Path(line).is_relative_to(installed.venv), line
    assert (installed.venv / "bin" / "guidecrawl").is_file()


def test_guidecrawl_demo_runs_from_a_folder_outside_the_repository(installed: Installed, tmp_path: Path) -> None:
    proc = installed.run(str(installed.venv / "bin" / "guidecrawl"), "demo", "--out", "tables", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert proc.stdout.startswith("guidecrawl demo: crawled the fixture site at http://127.0.0.1:")
    documents = pq.read_table(tmp_path / "tables" / "documents").to_pylist()
    kinds = {d["kind"] for d in documents}
    assert {"article", "listing", "forum", "qa"} <= kinds
    assert {"gb18030", "big5hkscs", "utf-8"} <= {d["encoding"] for d in documents}  # the real bytes were served
    assert pq.read_table(tmp_path / "tables" / "phones").num_rows > 0
    assert (tmp_path / "tables" / "csv" / "documents").is_dir()


def test_scrapy_crawl_runs_from_another_folder_given_the_settings_module(installed: Installed, tmp_path: Path) -> None:
    served, crawl_here = tmp_path / "server", tmp_path / "anywhere"
    served.mkdir()
    crawl_here.mkdir()
    with demo_site_served(installed, served) as url:
        proc = installed.run(
            installed.python, "-m", "scrapy", "crawl", "guides", "-a", f"url={url}/qa/1001.html",
            "-s", "OUTPUT_DIR=tables", "-s", "LOG_LEVEL=WARNING",
            cwd=crawl_here, SCRAPY_SETTINGS_MODULE="crawler.settings",
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    (document,) = pq.read_table(crawl_here / "tables" / "documents").to_pylist()
    assert (document["url"], document["kind"]) == (f"{url}/qa/1001.html", "qa")


def test_scrapy_finds_the_settings_in_a_user_scrapy_cfg(installed: Installed, tmp_path: Path) -> None:
    without = installed.run(installed.python, "-m", "scrapy", "list", cwd=tmp_path, timeout=60)
    assert "guides" not in without.stdout.split()  # outside a project Scrapy knows no spiders

    user_cfg = installed.home / ".config" / "scrapy.cfg"
    user_cfg.write_text("[settings]\ndefault = crawler.settings\n", encoding="utf-8")
    try:
        found = installed.run(installed.python, "-m", "scrapy", "list", cwd=tmp_path, timeout=60)
    finally:
        user_cfg.unlink()
    assert found.returncode == 0, found.stderr[-2000:]
    assert "guides" in found.stdout.split()
