"""Traceability of entity spans: does each entity's served span point at the text it came from?

    .venv/bin/python benchmarks/offsets.py

Cases (sources recorded in each file): the entity spec tables (`tests/fixtures/entity_specs/*.jsonl`, other
parsers' public test cases), the entity dev-set passages (`tests/extract/entities/devset/passages.jsonl`) and
the mojibake repair cases (`tests/fixtures/mojibake/repair_cases.jsonl`, their damaged `input`). Each case goes
through `extract.pipeline.process_text`, as `guidecrawl entities` runs it. The fixture pages the pipeline
tests run (`tests/fixture_pages.py`) are scored apart, through `process_page`: they were read while
the offset map was written, so they are development pages, not a held-out set.

Split, fixed before any case was read: sha1("<file stem>:<case id>") even → dev, odd → first_sight.
For each entity: `changed` when its served slice differs from the entity text (a repair reached it);
`traceable` when the served slice is the entity text verbatim or normalizes to text that holds it; `exact`
when the served slice normalizes to exactly the entity text. The anchor is a character alignment of normalized
and served text (difflib), scored the same way.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # before benchmarks/, whose normalize.py would shadow the package

from benchmarks.splits import split_of  # noqa: E402
from extract.pipeline import PageResult, ProcessedText, process_page, process_text  # noqa: E402
from normalize import normalize  # noqa: E402

CASE_FILES = (
    *sorted((ROOT / "tests" / "fixtures" / "entity_specs").glob("*.jsonl")),
    ROOT / "tests" / "extract" / "entities" / "devset" / "passages.jsonl",
    ROOT / "tests" / "fixtures" / "mojibake" / "repair_cases.jsonl",
)


def cases() -> Iterator[tuple[str, str]]:
    """(case id, text) of every case."""
    for path in CASE_FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            row = json.loads(line)
            text = row.get("text", row.get("input"))
            if isinstance(text, str):
                yield f"{path.stem}:{row.get('id', number)}", text


def aligned_span(served: str, normalized: str, start: int, end: int) -> tuple[int, int]:
    """The anchor: the served span found by aligning the two texts character by character."""
    import difflib

    index = [0] * (len(normalized) + 1)
    for op, n1, n2, r1, r2 in difflib.SequenceMatcher(None, normalized, served, autojunk=False).get_opcodes():
        for k in range(n1, n2):
            if op == "equal" or (op == "replace" and n2 - n1 == r2 - r1):
                index[k] = r1 + (k - n1)
            else:
                index[k] = r1 + min(k - n1, max(r2 - r1 - 1, 0))
    index[len(normalized)] = len(served)
    return index[start], max(index[max(end - 1, start)] + 1, index[start] + 1)


def score(processed: ProcessedText, span_of: str, tally: Counter[str]) -> None:
    for entity in processed.entities:
        if span_of == "offset map":
            start, end = processed.served_span(entity)
        else:
            start, end = aligned_span(processed.served, processed.text, entity.start, entity.end)
        tally_span(entity.text, processed.served[start:end], tally)


def tally_span(entity_text: str, served: str, tally: Counter[str]) -> None:
    renormalized = normalize(served).text
    tally["entities"] += 1
    tally["changed"] += served != entity_text
    tally["traceable"] += served == entity_text or entity_text in renormalized
    tally["exact"] += renormalized == entity_text


def score_page(result: PageResult, span_of: str, tally: Counter[str]) -> None:
    for entity in result.entities:
        if span_of == "offset map":
            start, end = entity.fields["served_start"], entity.fields["served_end"]
        else:
            start, end = aligned_span(result.served_text, result.text, entity.start, entity.end)
        tally_span(entity.text, result.served_text[start:end], tally)


def main() -> int:
    tallies: dict[tuple[str, str], Counter[str]] = {}
    counts: Counter[str] = Counter()
    for case_id, text in cases():
        split = split_of(case_id)
        counts[split] += 1
        processed = process_text(text)
        for method in ("offset map", "alignment (anchor)"):
            score(processed, method, tallies.setdefault((split, method), Counter()))
    print(f"cases: first_sight {counts['first_sight']}, dev {counts['dev']}")
    print(f"{'split':<12} {'method':<20} {'entities':>8} {'changed':>8} {'traceable':>10} {'exact':>8}")
    for split in ("first_sight", "dev"):
        for method in ("offset map", "alignment (anchor)"):
            t = tallies.get((split, method), Counter())
            n = t["entities"] or 1
            print(
                f"{split:<12} {method:<20} {t['entities']:>8} {t['changed']:>8} "
                f"{t['traceable'] / n:>10.3f} {t['exact'] / n:>8.3f}"
            )
    from tests.fixture_pages import fixture_pages

    pages: dict[str, Counter[str]] = {}
    for page in fixture_pages():
        result = process_page(page.body, page.headers, page.url)
        for method in ("offset map", "alignment (anchor)"):
            score_page(result, method, pages.setdefault(method, Counter()))
    for method, t in pages.items():
        n = t["entities"] or 1
        print(
            f"{'dev pages':<12} {method:<20} {t['entities']:>8} {t['changed']:>8} "
            f"{t['traceable'] / n:>10.3f} {t['exact'] / n:>8.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
