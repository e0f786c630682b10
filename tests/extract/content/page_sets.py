"""What the tests of the evaluation page sets (`benchmarks/pages/*/`) share: reading a page folder, the split rule,
and running a set's scoring script on a small copy of the set as a user runs it."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.splits import READ_AFTER_SPLIT

ROOT = Path(__file__).resolve().parents[3]
PAGES = ROOT / "benchmarks" / "pages"
LICENSES = PAGES / "LICENSES"


def page_dirs(name: str) -> list[Path]:
    return sorted(path.parent for path in (PAGES / name).glob("*/info.json"))


def info(page_dir: Path) -> dict:
    return json.loads((page_dir / "info.json").read_text(encoding="utf-8"))


def body(page_dir: Path) -> bytes:
    return gzip.decompress((page_dir / "body.html.gz").read_bytes())


def split_of(page_id: str) -> str:
    """The project's split rule, fixed before any page is read: sha1 of the id, even → dev, odd → first_sight; a
    first-sight page read after the split is dev from then on."""
    if page_id in READ_AFTER_SPLIT:
        return "dev"
    return "dev" if int(hashlib.sha1(page_id.encode()).hexdigest(), 16) % 2 == 0 else "first_sight"


def licence_file(repository: str) -> Path:
    """Where the licence text of a source repository (`owner/name`) is kept beside the sets."""
    return LICENSES / f"{repository.replace('/', '-')}.txt"


def score_a_sample(script: str, dirs: list[Path], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`benchmarks/<script> --set COPY --split dev --only guidecrawl` on two dev pages and one first-sight page."""
    chosen = [page_dir for page_dir in dirs if info(page_dir)["split"] == "dev"][:2]
    chosen += [page_dir for page_dir in dirs if info(page_dir)["split"] == "first_sight"][:1]
    for page_dir in chosen:
        shutil.copytree(page_dir, tmp_path / page_dir.name)
    command = [sys.executable, str(ROOT / "benchmarks" / script), "--set", str(tmp_path)]
    return subprocess.run(
        [*command, "--split", "dev", "--only", "guidecrawl"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
