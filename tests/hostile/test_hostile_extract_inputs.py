"""`guidecrawl extract` survives every bad entry: each is one errors row, the run goes on and exits 0, and the
good pages next to it still become documents. No symlink is followed twice."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import REPO, errors_by_source, guide_page, guidecrawl, one_line, rows

pytestmark = pytest.mark.slow


def archive(folder: Path, info: bytes | str, body: bytes | None = None) -> Path:
    folder.mkdir(parents=True)
    (folder / "body.html").write_bytes(body if body is not None else guide_page())
    (folder / "info.json").write_bytes(info.encode() if isinstance(info, str) else info)
    return folder


def extract(tmp_path: Path, *paths: Path | str, jobs: int = 1) -> tuple[subprocess.CompletedProcess[bytes], Path]:
    out = tmp_path / "out"
    done = guidecrawl("extract", *paths, "--out", out, "--format", "parquet", "--jobs", str(jobs))
    assert done.returncode == 0, done.stderr
    return done, out


def error_of(out: Path, name_part: str) -> str:
    found = [error for source, (error, _) in errors_by_source(out).items() if name_part in source]
    assert len(found) == 1, errors_by_source(out)
    return found[0]


# -- info.json --------------------------------------------------------------------------------------------------


BAD_INFO = {
    "url_number": '{"url": 12345}',
    "url_list": '{"url": ["http://a/", "http://b/"]}',
    "url_lone_surrogate": '{"url": "http://127.0.0.1/\\udc80.html"}',
    "url_unclosed_ipv6_bracket": '{"url": "http://[::1/a.html"}',
    "headers_number": '{"url": "http://127.0.0.1/a.html", "headers": 5}',
    "headers_bad_pair": '{"url": "http://127.0.0.1/a.html", "headers": [["only-a-name"]]}',
    "fetched_at_garbage": '{"url": "http://127.0.0.1/a.html", "fetched_at": "yesterday"}',
    "site_object": '{"url": "http://127.0.0.1/a.html", "site": {"name": 1}}',
    "not_an_object": "[1, 2, 3]",
    "not_json": "{url: ",
    "not_utf8": b'{"url": "http://127.0.0.1/\xb0\xa1.html"}',
    "deeply_nested": "[" * 100_000 + "]" * 100_000,
    "huge": '{"url": "http://127.0.0.1/a.html", "pad": "' + "x" * 2_000_000 + '"}',
}


GOOD_INFO = {"url": "http://127.0.0.1/good.html", "site": "fixture", "fetched_at": "2026-12-01T08:00:00+00:00"}


@pytest.fixture(scope="module")
def bad_info_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("bad-info")
    for case, info in BAD_INFO.items():
        archive(tmp / "pages" / case, info)
    archive(tmp / "pages" / "good", json.dumps(GOOD_INFO))
    return extract(tmp, tmp / "pages", jobs=2)[1]  # the bad entries reach the worker processes too


@pytest.mark.parametrize("case", sorted(BAD_INFO))
def test_a_bad_info_json_is_one_errors_row(bad_info_run: Path, case: str) -> None:
    assert error_of(bad_info_run, f"/{case}/") == ("too_large" if case == "huge" else "bad_info_json")


def test_the_run_with_bad_info_jsons_goes_on_to_the_good_page(bad_info_run: Path) -> None:
    assert [d["url"] for d in rows(bad_info_run, "documents")] == ["http://127.0.0.1/good.html"]
    assert len(rows(bad_info_run, "errors")) == len(BAD_INFO)


def test_a_good_info_json_gives_url_site_and_fetch_time(bad_info_run: Path) -> None:
    [document] = rows(bad_info_run, "documents")
    assert (document["url"], document["site"], document["fetched_at"].isoformat()) == (
        GOOD_INFO["url"],
        "fixture",
        "2026-12-01T08:00:00+00:00",
    )


# -- file names and folders -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def odd_files_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, Path]:
    """One folder of odd entries: a GBK file name, symlink loops and repeats, a dangling link, a FIFO."""
    tmp = tmp_path_factory.mktemp("odd-files")
    pages = tmp / "pages"
    (pages / "sub").mkdir(parents=True)
    Path(os.fsdecode(bytes(pages) + b"/\xb0\xa1gbk-name.html")).write_bytes(guide_page("另一篇：门诊慢特病待遇"))
    (pages / "sub" / "a.html").write_bytes(guide_page())
    (pages / "sub" / "loop").symlink_to(pages)
    (pages / "again").symlink_to(pages / "sub")
    (pages / "same.html").symlink_to(pages / "sub" / "a.html")
    (pages / "dangling.html").symlink_to(tmp / "nowhere.html")
    os.mkfifo(pages / "pipe.html")  # reading it would wait forever
    (tmp / "link.html").symlink_to(pages / "sub" / "a.html")
    # the folder, then a page inside it and a link to that page named again: each page is taken once
    done, out = extract(tmp, pages, pages / "sub" / "a.html", tmp / "link.html")
    return out, done.stdout, pages


def test_a_file_name_that_is_not_utf8_is_kept_with_escapes(odd_files_run: tuple[Path, bytes, Path]) -> None:
    names = sorted(Path(d["source"]).name for d in rows(odd_files_run[0], "documents"))
    assert names == ["\\xb0\\xa1gbk-name.html", "a.html"]


def test_a_symlink_loop_or_a_page_named_twice_lists_each_page_once(odd_files_run: tuple[Path, bytes, Path]) -> None:
    sources = [Path(d["source"]) for d in rows(odd_files_run[0], "documents")]
    assert [s.name for s in sources].count("a.html") == 1
    assert b"pages     4 (2 ok, 2 with errors)" in odd_files_run[1]  # the FIFO and the dangling link are rows too


def test_a_fifo_or_a_dangling_link_named_like_a_page_is_an_errors_row_never_waited_on(
    odd_files_run: tuple[Path, bytes, Path],
) -> None:
    errors = {Path(source).name: error for source, error in errors_by_source(odd_files_run[0]).items()}
    assert errors == {
        "pipe.html": ("not_a_file", f"{odd_files_run[2]}/pipe.html is a named pipe, not read"),
        "dangling.html": ("not_a_file", f"{odd_files_run[2]}/dangling.html is a broken link, not read"),
    }


def without_root_file_access() -> list[str]:
    """A command prefix that takes away root's power to read any folder (CAP_DAC_*), as an ordinary user runs."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): cannot make a folder unreadable")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def test_an_unreadable_folder_is_one_errors_row(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "locked").mkdir(parents=True)
    (pages / "locked" / "hidden.html").write_bytes(guide_page())
    (pages / "good.html").write_bytes(guide_page())
    (pages / "locked").chmod(0)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cli", "extract", str(pages), "--out", str(out), "--format", "parquet"]
    try:
        done = subprocess.run([*without_root_file_access(), *command], cwd=REPO, capture_output=True, timeout=120)
    finally:
        (pages / "locked").chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert error_of(out, "locked") == "unreadable_folder"
    assert [Path(d["source"]).name for d in rows(out, "documents")] == ["good.html"]


# -- size -------------------------------------------------------------------------------------------------------


def test_a_page_over_the_size_cap_is_too_large_and_never_read(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "big.html").write_bytes(guide_page() * 200)
    (pages / "small.html").write_bytes(guide_page())
    out = tmp_path / "out"
    done = guidecrawl("extract", pages, "--out", out, "--format", "parquet", "--max-page-bytes", "50000")
    assert done.returncode == 0, done.stderr
    assert error_of(out, "big.html") == "too_large"
    [message] = [m for source, (_, m) in errors_by_source(out).items() if source.endswith("big.html")]
    assert message.endswith("over the 50000 cap")
    assert [Path(d["source"]).name for d in rows(out, "documents")] == ["small.html"]


def test_a_zero_size_cap_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(guide_page())
    done = guidecrawl("extract", tmp_path / "a.html", "--out", tmp_path / "out", "--max-page-bytes", "0")
    assert done.returncode == 2
    assert stat.S_ISDIR((tmp_path).stat().st_mode) and not (tmp_path / "out").exists()


def test_a_fifo_named_on_the_command_line_is_a_one_line_error_not_a_wait(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    page = tmp_path / "page.html"
    page.write_bytes(guide_page())
    refused = guidecrawl("extract", pipe, "--out", tmp_path / "out")
    assert refused.returncode == 2
    assert one_line(refused.stderr) == f"guidecrawl extract: error: {pipe} is a named pipe, not a page file or folder"
    assert guidecrawl("extract", page, "--out", tmp_path / "out").returncode == 0
