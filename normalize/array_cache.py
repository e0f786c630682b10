"""Arrays derived from a shipped data file, kept per user so that later processes map them instead of deriving them.

The GBK-offset repair's character model ships as 5 MB of compressed counts, from which every process derived
≈ 26 MB of smoothed probabilities (≈ 0.35 s of CPU: inflating the counts, then the smoothing) before its first
repair. Derived once, the arrays are written as plain `.npy` files and memory-mapped read-only by every later
process: no CPU, and one copy in memory for all of them (the OS page cache), however many extraction workers run.

Where: `$GUIDECRAWL_CACHE_DIR`, else `$XDG_CACHE_HOME/guidecrawl`, else `~/.cache/guidecrawl`; an empty
`GUIDECRAWL_CACHE_DIR` turns the cache off. A folder is named after the SHA-256 of the data file the arrays were
derived from and the version of the derivation, so a new data file or a changed derivation never reads old arrays.
It is written under a temporary name and renamed into place whole: a reader never sees half a folder. Whatever
goes wrong (no home, an unwritable or full disk, a damaged file) leaves the arrays derived in memory, as without
the cache.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)
CACHE_ENV = "GUIDECRAWL_CACHE_DIR"
CACHE_FOLDER = "guidecrawl"


def cache_root() -> Path | None:
    """The cache directory, or None when the user turned the cache off (`GUIDECRAWL_CACHE_DIR=`)."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / CACHE_FOLDER
    try:
        return Path.home() / ".cache" / CACHE_FOLDER
    except RuntimeError:  # no home directory to be found
        return None


def folder_for(name: str, source: bytes, version: int) -> str:
    """The cache folder's name: the arrays' name, the derivation's version and the source's digest."""
    return f"{name}-v{version}-{hashlib.sha256(source).hexdigest()[:32]}"


def derived_arrays(
    name: str,
    source: bytes,
    version: int,
    derive: Callable[[bytes], Mapping[str, np.ndarray]],
    names: Collection[str],
) -> dict[str, np.ndarray]:
    """`derive(source)` (the arrays `names`), read from the cache when an earlier process derived them from the same
    bytes (mapped read-only), else derived here and written to the cache for the next process."""
    root = cache_root()
    if root is None:
        return dict(derive(source))
    folder = root / folder_for(name, source, version)
    cached = _read(folder)
    if cached is not None and cached.keys() == set(names):
        return cached
    arrays = dict(derive(source))
    _write(folder, arrays)
    return arrays


def _read(folder: Path) -> dict[str, np.ndarray] | None:
    try:
        files = sorted(path for path in folder.iterdir() if path.suffix == ".npy")
        # A plain ndarray view of each map: numpy's memmap subclass would tag every result computed from it.
        return {path.stem: np.asarray(np.load(path, mmap_mode="r", allow_pickle=False)) for path in files}
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:  # a damaged file: derived again, the folder replaced
        logger.debug("array cache %s unreadable (%s): derived again", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None


def _write(folder: Path, arrays: Mapping[str, np.ndarray]) -> None:
    staging: Path | None = None
    try:
        if folder.exists():  # incomplete (a file removed by hand): replaced whole
            shutil.rmtree(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        for key, array in arrays.items():
            with open(staging / f"{key}.npy", "wb") as handle:
                np.save(handle, np.ascontiguousarray(array), allow_pickle=False)
                handle.flush()
                os.fsync(handle.fileno())  # on disk before the rename makes the folder visible
        staging.rename(folder)  # whole or not at all; another process that got there first keeps its folder
        staging = None
    except OSError as exc:
        logger.debug("array cache %s not written (%s)", folder, exc)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
