"""Hostile input to the commands, run as a user runs them (real processes): a one-line error with its exit status,
or a correct result; never a traceback, never a hang, and every page given to `extract` is one row."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import REPO, errors_by_source, guide_page, guidecrawl, one_line, rows

pytestmark = pytest.mark.slow

PHONE = "0591-87842560"  # in guide_page()'s text


def document_names(out: Path) -> list[str]:
    return sorted(Path(row["source"]).name for row in rows(out, "documents"))


# -- extract: a folder tree deeper than Python's recursion limit ------------------------------------------------


def nested_folders(top: Path, depth: int) -> Path:
    """`top/d/d/…/d`, `depth` levels, made one at a time (os.makedirs recurses, once per missing level)."""
    folder = top
    for _ in range(depth):
        folder = folder / "d"
        folder.mkdir()
    return folder


def remove_nested_folders(top: Path, depth: int) -> None:
    """Deepest first, without recursion: shutil.rmtree (Python 3.11) recurses once per level, as pytest's cleanup
    of its temporary folders would."""
    folders = [top]
    for _ in range(depth):
        folders.append(folders[-1] / "d")
    for folder in reversed(folders[1:]):
        for entry in folder.iterdir():
            if not entry.is_dir():
                entry.unlink()
        folder.rmdir()


def test_a_folder_tree_deeper_than_the_recursion_limit_gives_every_page_a_row(tmp_path: Path) -> None:
    depth = 1200  # the child's recursion limit is 1000 frames: a recursive walk of this tree died
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "top.html").write_bytes(guide_page())
    try:
        (nested_folders(pages, depth) / "bottom.html").write_bytes(guide_page("另一篇：门诊慢特病待遇"))
        out = tmp_path / "out"
        done = guidecrawl("extract", pages, "--out", out, "--format", "parquet")
        assert done.returncode == 0, done.stderr
        assert document_names(out) == ["bottom.html", "top.html"]
        assert errors_by_source(out) == {}
        assert b"pages     2 (2 ok, 0 with errors)" in done.stdout
    finally:
        remove_nested_folders(pages, depth)


# -- extract --dask: the same rows as a run on one machine --------------------------------------------------------


def run_bounded(*args: str | Path, timeout: float) -> subprocess.CompletedProcess[bytes]:
    """guidecrawl in its own process group, killed whole (with the Dask workers it started) after `timeout`: a
    run that waits on a named pipe fails the test instead of hanging it."""
    command = [sys.executable, "-m", "cli", *map(str, args)]
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"guidecrawl {' '.join(map(str, args))} still running after {timeout} s")
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def test_a_dask_run_gives_odd_entries_the_rows_of_a_run_on_one_machine(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "ok.html").write_bytes(guide_page())
    (pages / "big.html").write_bytes(guide_page() * 200)  # over --max-page-bytes below
    os.mkfifo(pages / "fifo.html")  # opening it would wait for a writer forever
    (pages / "zero.html").symlink_to("/dev/zero")  # endless bytes
    (pages / "dangling.html").symlink_to(tmp_path / "nowhere.html")
    found = {}
    for name, dask in (("single", []), ("dask", ["--dask", "local:1"])):
        out = tmp_path / name
        args = ("extract", pages, "--out", out, "--format", "parquet", "--max-page-bytes", "50000", *dask)
        done = run_bounded(*args, timeout=120)
        assert done.returncode == 0, done.stderr
        found[name] = (document_names(out), {Path(source).name: row for source, row in errors_by_source(out).items()})
    assert found["dask"] == found["single"]
    documents, errors = found["single"]
    assert documents == ["ok.html"]
    assert {name: error for name, (error, _) in errors.items()} == {
        "big.html": "too_large",
        "dangling.html": "not_a_file",
        "fifo.html": "not_a_file",
        "zero.html": "not_a_file",
    }
    assert errors["zero.html"][1] == f"{pages}/zero.html is a device, not read"  # the link, not /dev/zero


@pytest.mark.parametrize("address", ["bogus", "tcp://bogus", "scheduler:port", "http://scheduler:8786", ""])
def test_a_malformed_dask_address_is_a_usage_error_naming_it(tmp_path: Path, address: str) -> None:
    (tmp_path / "a.html").write_bytes(guide_page())
    done = guidecrawl("extract", tmp_path / "a.html", "--out", tmp_path / "out", "--dask", address)
    assert done.returncode == 2
    assert one_line(done.stderr) == (
        f"guidecrawl extract: error: --dask {address!r}: "
        "give a scheduler address (tcp://host:8786, host:8786) or local[:N]"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("scheduler:8786", ("scheduler:8786", None)),
        ("tcp://10.0.0.5:8786", ("tcp://10.0.0.5:8786", None)),
        ("tls://[::1]:8786", ("tls://[::1]:8786", None)),
        ("local:2", (None, 2)),
    ],
)
def test_the_dask_addresses_of_the_help_are_accepted(text: str, parsed: tuple[object, object]) -> None:
    from cli.extract_dask import parse_address

    assert parse_address(text) == parsed


# -- extract --out '' -----------------------------------------------------------------------------------------------


def extract_in(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`guidecrawl extract ARGS` run in `folder`, as a user in that folder types it."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "cli", "extract", *args]
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, timeout=120)


def test_an_empty_out_is_a_usage_error_not_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(guide_page())
    refused = extract_in(tmp_path, "a.html", "--out", "")
    assert refused.returncode == 2
    assert one_line(refused.stderr) == "guidecrawl extract: error: --out is empty: name the output folder"
    assert sorted(os.listdir(tmp_path)) == ["a.html"]
    written = extract_in(tmp_path, "a.html", "--out", "out", "--format", "parquet")
    assert written.returncode == 0, written.stderr
    assert document_names(tmp_path / "out") == ["a.html"]


# -- entities --jsonl -----------------------------------------------------------------------------------------------

GOOD_LINE = json.dumps({"id": "p1", "text": f"咨询电话：{PHONE}"}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{id: 1}", "-:2: not JSON (Expecting property name enclosed in double quotes)"),
        ("[" * 100_000 + "]" * 100_000, "-:2: not JSON (nested too deeply)"),
        (
            '{"id": ' + "9" * 100_000 + ', "text": "x"}',
            "-:2: not JSON (Exceeds the limit (4300 digits) for integer string conversion)",
        ),
        ('{"id": "\\ud800", "text": "x"}', '-:2: "id" is not valid Unicode (lone surrogate)'),
    ],
    ids=["not_json", "nested_100k_deep", "int_of_100k_digits", "lone_surrogate_id"],
)
def test_a_jsonl_line_entities_cannot_take_is_a_one_line_error_naming_it(line: str, message: str) -> None:
    done = guidecrawl("entities", "--jsonl", input=f"{GOOD_LINE}\n{line}\n".encode())
    assert done.returncode == 2
    assert one_line(done.stderr) == f"guidecrawl entities: error: {message}"


def test_jsonl_lines_give_entities_with_their_id_and_a_lone_surrogate_in_the_text_is_dropped() -> None:
    surrogate_text = json.dumps({"id": 7, "text": f"\ud800咨询电话：{PHONE}"})  # escaped: "\\ud800"
    done = guidecrawl("entities", "--jsonl", input=f"{GOOD_LINE}\n{surrogate_text}\n".encode())
    assert done.returncode == 0, done.stderr
    found = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [(row["doc"], row["kind"], row["text"]) for row in found] == [("p1", "phone", PHONE), ("7", "phone", PHONE)]


def test_a_file_name_that_is_not_utf8_is_written_in_doc_with_escapes(tmp_path: Path) -> None:
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/\xb0\xa1.txt"))
    odd.write_text(f"咨询电话：{PHONE}", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(f"咨询电话：{PHONE}", encoding="utf-8")
    done = guidecrawl("entities", odd, plain)
    assert done.returncode == 0, done.stderr
    docs = [json.loads(line)["doc"] for line in done.stdout.decode("utf-8").splitlines()]
    assert docs == [f"{tmp_path}/\\xb0\\xa1.txt", str(plain)]


# -- content: a page of invisible characters has no main text, as extract says --------------------------------------


def page_of(text: str) -> bytes:
    return f"<html><head><meta charset='utf-8'></head><body><p>{text}</p></body></html>".encode()


def test_a_page_of_byte_order_marks_has_no_main_text_in_content_as_in_extract(tmp_path: Path) -> None:
    page = tmp_path / "bom.html"
    page.write_bytes(page_of("\ufeff" * 200))
    done = guidecrawl("content", page)
    assert done.returncode == 1
    assert done.stdout == b""
    assert one_line(done.stderr) == (
        f"guidecrawl content: error: {page}: no main text (the page is empty or all navigation)"
    )
    extracted = guidecrawl("extract", page, "--out", tmp_path / "out", "--format", "parquet")
    assert extracted.returncode == 0, extracted.stderr
    assert errors_by_source(tmp_path / "out")[str(page)][0] == "empty_content"


def test_content_prints_the_text_around_byte_order_marks_as_served(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(page_of(f"\ufeff咨询电话：{PHONE}"))
    done = guidecrawl("content", page)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == f"\ufeff咨询电话：{PHONE}\n"


# Invisible or blank-looking characters: the format characters normalize removes, and others it keeps.
INVISIBLE = {"feff": "\ufeff", "200b": "\u200b", "2060": "\u2060", "180e": "\u180e", "3164": "\u3164"}
INVISIBLE |= {"2800": "\u2800", "e0020": "\U000e0020"}


def test_content_says_no_main_text_exactly_for_the_pages_extract_calls_empty(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, char in INVISIBLE.items():
        (pages / f"{name}.html").write_bytes(page_of(char * 200))
    extracted = guidecrawl("extract", pages, "--out", tmp_path / "out", "--format", "parquet")
    assert extracted.returncode == 0, extracted.stderr
    empty_in_extract = sorted(
        Path(source).stem
        for source, (error, _) in errors_by_source(tmp_path / "out").items()
        if error == "empty_content"
    )
    empty_in_content = sorted(
        name for name in INVISIBLE if guidecrawl("content", pages / f"{name}.html").returncode == 1
    )
    assert empty_in_content == empty_in_extract
    assert {"feff", "200b", "2060", "180e"} <= set(empty_in_extract)  # what normalize's hygiene removes
