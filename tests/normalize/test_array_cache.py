"""The per-user cache of arrays derived from shipped data: derived once, mapped read-only afterwards, never wrong."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from normalize import array_cache, char_model


class Derivation:
    """A derivation that counts its runs: what the cache must spare after the first."""

    def __init__(self) -> None:
        self.runs = 0

    names = ("values", "keys")

    def __call__(self, source: bytes) -> dict[str, np.ndarray]:
        self.runs += 1
        values = np.frombuffer(source, dtype=np.uint8).astype(np.float64)
        return {"values": values / 2, "keys": np.arange(len(source), dtype=np.uint64)}


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv(array_cache.CACHE_ENV, str(root))
    return root


def test_arrays_are_derived_once_then_mapped_read_only(cache_dir: Path) -> None:
    derive = Derivation()
    first = array_cache.derived_arrays("demo", b"\x02\x04\x06", 1, derive, Derivation.names)
    again = array_cache.derived_arrays("demo", b"\x02\x04\x06", 1, derive, Derivation.names)
    assert derive.runs == 1
    assert again["values"].tolist() == first["values"].tolist() == [1.0, 2.0, 3.0]
    assert again["keys"].dtype == np.uint64 and again["keys"].tolist() == [0, 1, 2]
    assert not again["values"].flags.writeable  # a map of the file, shared by every process that reads it
    assert type(again["values"]) is np.ndarray


def test_new_source_bytes_or_a_new_derivation_version_are_derived_again(cache_dir: Path) -> None:
    derive = Derivation()
    array_cache.derived_arrays("demo", b"\x02", 1, derive, Derivation.names)
    changed = array_cache.derived_arrays("demo", b"\x08", 1, derive, Derivation.names)
    bumped = array_cache.derived_arrays("demo", b"\x08", 2, derive, Derivation.names)
    assert derive.runs == 3
    assert changed["values"].tolist() == bumped["values"].tolist() == [4.0]
    assert len(list(cache_dir.iterdir())) == 3


def test_a_damaged_cache_file_is_derived_again_and_replaced(cache_dir: Path) -> None:
    derive = Derivation()
    array_cache.derived_arrays("demo", b"\x02\x04\x06", 1, derive, Derivation.names)
    (stored,) = cache_dir.glob("demo-*/values.npy")
    stored.write_bytes(stored.read_bytes()[:-8])  # a file cut short (a full disk, a crash)
    repaired = array_cache.derived_arrays("demo", b"\x02\x04\x06", 1, derive, Derivation.names)
    assert derive.runs == 2
    assert repaired["values"].tolist() == [1.0, 2.0, 3.0]
    assert array_cache.derived_arrays("demo", b"\x02\x04\x06", 1, derive, Derivation.names)["values"].tolist() == [
        1.0,
        2.0,
        3.0,
    ]
    assert derive.runs == 2  # the damaged folder was replaced by the arrays derived just now


def test_a_cache_folder_missing_an_array_is_derived_again_and_replaced(cache_dir: Path) -> None:
    derive = Derivation()
    array_cache.derived_arrays("demo", b"\x02\x04", 1, derive, Derivation.names)
    (stored,) = cache_dir.glob("demo-*/keys.npy")
    stored.unlink()
    assert array_cache.derived_arrays("demo", b"\x02\x04", 1, derive, Derivation.names)["keys"].tolist() == [0, 1]
    assert array_cache.derived_arrays("demo", b"\x02\x04", 1, derive, Derivation.names)["values"].tolist() == [1.0, 2.0]
    assert derive.runs == 2
    assert stored.exists()


def test_an_unwritable_cache_still_gives_the_arrays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv(array_cache.CACHE_ENV, str(blocked / "cache"))
    derive = Derivation()
    assert array_cache.derived_arrays("demo", b"\x02", 1, derive, Derivation.names)["values"].tolist() == [1.0]
    assert array_cache.derived_arrays("demo", b"\x02", 1, derive, Derivation.names)["values"].tolist() == [1.0]
    assert derive.runs == 2
    assert blocked.read_text() == "not a directory"


def test_an_empty_cache_setting_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(array_cache.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    derive = Derivation()
    array_cache.derived_arrays("demo", b"\x02", 1, derive, Derivation.names)
    array_cache.derived_arrays("demo", b"\x02", 1, derive, Derivation.names)
    assert derive.runs == 2
    assert not (tmp_path / "xdg").exists()
    monkeypatch.delenv(array_cache.CACHE_ENV)
    assert array_cache.cache_root() == tmp_path / "xdg" / "guidecrawl"


def test_the_char_model_read_from_the_cache_is_the_model_derived_from_the_counts(cache_dir: Path) -> None:
    source = resources.files("normalize").joinpath("data", "char_model.npz").read_bytes()
    derived = char_model._derive(source)
    script = (
        "from normalize import char_model\n"
        "print(char_model.load().score(['医疗保险基金支付', '医疗保险基金支忖']).tolist())\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1]  # the second process read what the first one wrote
    (folder,) = cache_dir.iterdir()
    assert sorted(path.stem for path in folder.glob("*.npy")) == sorted(derived)
    for name, array in derived.items():
        cached = np.load(folder / f"{name}.npy", mmap_mode="r")
        assert cached.dtype == array.dtype and np.array_equal(cached, array), name
    scores = char_model.CharModel(**derived).score(["医疗保险基金支付", "医疗保险基金支忖"])
    assert runs[0].strip() == str(scores.tolist())
    assert scores[0] > scores[1]
