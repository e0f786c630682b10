"""The real-passage set is well formed: a data specification, not a score floor.

`benchmarks/passages/`: passages selected by a fixed rule from licensed pages, split by the sha1 of their id,
labelled by hand in `labels.txt` and compiled to `gold.jsonl`. These tests hold the files to that description;
the scores are `benchmarks/entity_passages.py`'s business.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.passages.build import pages, paragraphs, select, used_magic_html_pages
from benchmarks.passages.labels import KINDS, LabelError, build_gold, load_jsonl, parse_labels
from benchmarks.splits import split_of

HERE = Path(__file__).resolve().parents[2] / "benchmarks" / "passages"
LICENCES = {"MIT", "Apache-2.0"}


@pytest.fixture(scope="module")
def passages() -> list[dict]:
    return load_jsonl(HERE / "passages.jsonl")


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return load_jsonl(HERE / "gold.jsonl")


# --- provenance and split -----------------------------------------------------------------------------------


def test_every_passage_names_its_repository_path_commit_and_licence(passages: list[dict]) -> None:
    for passage in passages:
        source = passage["source"]
        assert source["repo"].count("/") == 1, passage["id"]
        assert source["path"], passage["id"]
        assert re.fullmatch(r"[0-9a-f]{40}", source["commit"]), passage["id"]
        assert source["licence"] in LICENCES, passage["id"]


def test_every_passage_is_a_paragraph_of_its_pages_main_text(passages: list[dict]) -> None:
    texts = {page_id: text for page_id, text, _ in pages()}
    for passage in passages:
        page = passage["source"]["page"]
        number = int(passage["id"].rsplit("-p", 1)[1])
        assert passage["id"].startswith(f"{page}-p")
        assert paragraphs(texts[page])[number] == passage["text"]


def test_no_passage_comes_from_a_page_used_in_development(passages: list[dict]) -> None:
    used = used_magic_html_pages()
    assert len(used) >= 20  # the corpus fixtures and the content dev set are found
    for passage in passages:
        assert passage["source"]["page"].split("-", 1)[1] not in used, passage["id"]


def test_the_split_follows_the_sha1_of_the_id(passages: list[dict]) -> None:
    splits = {passage["split"] for passage in passages}
    assert splits == {"dev", "first_sight"}
    for passage in passages:
        assert passage["split"] == split_of(passage["id"]), passage["id"]


def test_the_split_rule_is_the_parity_of_the_sha1() -> None:
    # sha1("a") = 86f7…67b8: even → dev; sha1("e") = 58e6…7c9f: odd → first_sight
    assert split_of("a") == "dev"
    assert split_of("e") == "first_sight"


def test_the_committed_selection_is_what_the_rule_selects(passages: list[dict]) -> None:
    assert select() == passages


# --- labels -------------------------------------------------------------------------------------------------


def test_every_passage_is_labelled_and_gold_matches_labels_txt(passages: list[dict], gold: list[dict]) -> None:
    labels = parse_labels((HERE / "labels.txt").read_text(encoding="utf-8"))
    assert {record["id"] for record in gold} == {passage["id"] for passage in passages}
    assert build_gold(passages, labels) == gold


def test_every_label_text_is_in_its_passage_at_its_offsets(passages: list[dict], gold: list[dict]) -> None:
    texts = {passage["id"]: passage["text"] for passage in passages}
    for record in gold:
        assert record["split"] == split_of(record["id"])
        for kind, labels in record["expected"].items():
            assert kind in KINDS
            for label in labels:
                assert texts[record["id"]][label["start"] : label["end"]] == label["text"], record["id"]


def test_values_have_the_canonical_shapes(gold: list[dict]) -> None:
    iso = re.compile(
        r"-?\d{4}(-(\d\d|Q[1-4]))?(-\d\d)?(T\d\d:\d\d(:\d\d)?)?"  # year, month or quarter, day, time
        r"|--\d\d(-\d\d)?(T\d\d:\d\d)?|--Q[1-4]|---\d\d"  # yearless, day of month
    )
    for record in gold:
        for kind, labels in record["expected"].items():
            for label in labels:
                value = label["value"]
                if kind == "phone":
                    assert value.isdigit(), label
                elif kind in ("amount", "percent"):
                    number = value["value"] if isinstance(value, dict) else value
                    assert isinstance(number, int | float), label
                elif kind == "date" and isinstance(value, str):
                    assert all(iso.fullmatch(part) for part in value.split("/")), label


def test_the_set_holds_labelled_and_entity_free_passages_in_both_splits(gold: list[dict]) -> None:
    for split in ("dev", "first_sight"):
        records = [r for r in gold if r["split"] == split]
        assert any(r["expected"] for r in records)
        assert any(not r["expected"] for r in records)


# --- the label format ---------------------------------------------------------------------------------------


def test_a_label_line_reads_kind_text_value_and_options() -> None:
    labels = parse_labels("= x-p1\namount | 3.5万元 | 35000\ndate | 29日 | ---29 | uncertain\n")
    assert labels == {
        "x-p1": [
            {"kind": "amount", "text": "3.5万元", "value": 35000},
            {"kind": "date", "text": "29日", "value": "---29", "uncertain": True},
        ]
    }


def test_a_label_whose_text_is_not_in_its_passage_is_refused() -> None:
    passage = {"id": "x-p1", "split": "first_sight", "text": "补助3.5万元"}
    assert build_gold([passage], parse_labels("= x-p1\namount | 3.5万元 | 35000\n"))[0]["expected"]["amount"]
    with pytest.raises(LabelError, match="not in the passage"):
        build_gold([passage], parse_labels("= x-p1\namount | 4万元 | 40000\n"))


def test_an_unknown_kind_is_refused_with_its_line_number() -> None:
    with pytest.raises(LabelError, match=r"labels.txt:2:"):
        parse_labels("= x-p1\nmoney | 3元 | 3\n")


# --- the scorer's command line --------------------------------------------------------------------------------


def test_the_scorer_refuses_to_print_first_sight_errors_without_i_know() -> None:
    root = HERE.parents[1]
    done = subprocess.run(
        [sys.executable, str(root / "benchmarks" / "entity_passages.py"), "--errors"],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert done.returncode == 2
    assert "--i-know" in done.stderr
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_scorer_scores_the_dev_split_and_writes_json(tmp_path: Path) -> None:
    root = HERE.parents[1]
    out = tmp_path / "scores.json"
    done = subprocess.run(
        [sys.executable, str(root / "benchmarks" / "entity_passages.py"), "--split", "dev", "--json", str(out)],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert done.returncode == 0, done.stderr
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert scores["split"] == "dev"
    assert set(scores["kinds"]) == set(KINDS)
    date = scores["kinds"]["date"]
    assert date["gold"] == date["guidecrawl"]["tp"] + date["guidecrawl"]["fn"] > 0
