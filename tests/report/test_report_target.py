"""`guidecrawl report --html FILE` writes a regular file, through a symlink if FILE is one, and refuses to put
one in place of a device, FIFO or socket (its atomic rename would replace the node instead of writing to it)."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from output.atomic import OutputWriteError
from output.dataset import DatasetWriter
from output.report import write_report
from tests.output.samples import make_result

pytestmark = pytest.mark.slow  # runs `guidecrawl report` as a process


def guidecrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder of one page."""
    folder = tmp_path / "out"
    with DatasetWriter(folder, run_id="run1", run_metadata={"site": "fzyb"}) as writer:
        writer.write_page(make_result())
    return folder


def make_node(path: Path, kind: str) -> None:
    if kind == "FIFO":
        os.mkfifo(path)
    elif kind == "character device":  # /dev/full's numbers, made here in the test's own folder
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    else:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))


@pytest.mark.parametrize("kind", ["character device", "FIFO", "socket"])
def test_report_onto_a_device_fifo_or_socket_is_one_line_and_leaves_it_in_place(
    out: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "r.html"
    make_node(target, kind)
    before = target.lstat()
    proc = guidecrawl("report", str(out), "--html", str(target))
    assert proc.returncode == 2
    assert proc.stderr == f"guidecrawl report: error: cannot write {target}: it is a {kind}, not a regular file\n"
    after = target.lstat()
    assert (after.st_ino, after.st_mode, after.st_rdev) == (before.st_ino, before.st_mode, before.st_rdev)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "r.html"]  # no temp file left behind
    regular = guidecrawl("report", str(out), "--html", str(tmp_path / "regular.html"))
    assert regular.returncode == 0, regular.stderr
    assert (tmp_path / "regular.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_report_through_a_symlink_replaces_the_file_it_points_to_and_keeps_the_link(out: Path, tmp_path: Path) -> None:
    real = tmp_path / "reports" / "latest.html"
    real.parent.mkdir()
    real.write_text("last week's report", encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(real)
    proc = guidecrawl("report", str(out), "--html", str(link))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"report: {link}\n"
    assert link.is_symlink()
    assert link.readlink() == real
    assert real.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert sorted(p.name for p in real.parent.iterdir()) == ["latest.html"]


def test_a_dangling_symlink_gets_the_file_it_names(out: Path, tmp_path: Path) -> None:
    link = tmp_path / "report.html"
    link.symlink_to("new.html")
    assert guidecrawl("report", str(out), "--html", str(link)).returncode == 0
    assert link.is_symlink()
    assert (tmp_path / "new.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_write_report_refuses_a_fifo_behind_a_symlink(out: Path, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "report.html").symlink_to("fifo")
    with pytest.raises(OutputWriteError, match="it is a FIFO, not a regular file"):
        write_report(out, tmp_path / "report.html")
    assert stat.S_ISFIFO((tmp_path / "fifo").lstat().st_mode)
    assert (tmp_path / "report.html").is_symlink()
