"""One static HTML page that shows what the runs in an output folder found: `guidecrawl report OUT --html FILE`.

The numbers come from the DuckDB views of `output.views` (so a page crawled twice counts once where the report
says "latest"); the charts are inline SVG drawn here, the page template is `output/report.html`. The page needs
no server and loads nothing: no script, font or image from anywhere else, so it opens offline and can be mailed.

Sections: per site (pages, entities by kind, errors, last fetch), over runs (pages and entities each run
wrote), errors by stage and site, encodings and repairs, the most frequent phones and addresses per site.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

from output.schema import TABLE_FOR_KIND

# Distinguishable on white and for the common colour-vision deficiencies (Okabe–Ito, then greys).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#999999")
TOP_VALUES = 10  # rows per site in the most-frequent tables
BAR_HEIGHT = 22
MAX_LABEL_WIDTH = 320
PLOT_WIDTH = 520


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    html: str


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _rows(con: Any, sql: str) -> list[dict[str, Any]]:
    result = con.execute(sql)
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _has(con: Any, view: str) -> bool:
    return bool(con.execute("select count(*) from duckdb_views() where view_name = ?", [view]).fetchone()[0])


# -- drawing ---------------------------------------------------------------------------------------------------


def _text_width(text: str) -> int:
    """Approximate width in pixels of `text` at 12px: CJK characters are about twice as wide as Latin ones."""
    return sum(12 if ord(ch) > 0x2E7F else 8 for ch in text)


def stacked_bars(caption: str, bars: Sequence[tuple[str, Mapping[str, int]]], series: Sequence[str]) -> str:
    """A horizontal stacked bar chart as inline SVG: one bar per (label, counts per series), a legend below.
    Each segment is a `rect` with `data-series` and `data-value`, and a `title` the browser shows on hover."""
    if not bars:
        return f'<p class="empty">{_esc(caption)}: nothing to show.</p>'
    total_max = max(sum(counts.values()) for _, counts in bars) or 1
    label_width = min(MAX_LABEL_WIDTH, 12 + max(_text_width(label) for label, _ in bars))
    colour = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}
    height = BAR_HEIGHT * len(bars) + 8
    parts = [
        f'<figure class="chart"><figcaption>{_esc(caption)}</figcaption>',
        f'<svg role="img" aria-label="{_esc(caption)}" width="{label_width + PLOT_WIDTH + 60}" height="{height}">',
    ]
    for row, (label, counts) in enumerate(bars):
        y = row * BAR_HEIGHT + 4
        parts.append(
            f'<text x="{label_width - 6}" y="{y + BAR_HEIGHT * 0.65:.1f}" text-anchor="end">{_esc(label)}</text>'
        )
        x = float(label_width)
        for name in series:
            value = counts.get(name, 0)
            if not value:
                continue
            width = PLOT_WIDTH * value / total_max
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{max(width, 1):.1f}" height="{BAR_HEIGHT - 6}" '
                f'fill="{colour[name]}" data-series="{_esc(name)}" data-value="{value}">'
                f"<title>{_esc(label)} · {_esc(name)}: {value}</title></rect>"
            )
            x += width
        total = sum(counts.values())
        parts.append(f'<text x="{x + 4:.1f}" y="{y + BAR_HEIGHT * 0.65:.1f}">{total}</text>')
    parts.append("</svg>")
    legend = "".join(
        f'<span class="key"><i style="background:{colour[name]}"></i>{_esc(name)}</span>' for name in series
    )
    parts.append(f'<div class="legend">{legend}</div></figure>')
    return "".join(parts)


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, numeric_from: int = 1) -> str:
    """An HTML table; columns from `numeric_from` on are right-aligned numbers."""
    if not rows:
        return '<p class="empty">none</p>'
    head = "".join(
        f"<th{' class=num' if i >= numeric_from else ''}>{_esc(name)}</th>" for i, name in enumerate(columns)
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=num' if i >= numeric_from else ''}>{_esc(cell)}</td>" for i, cell in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _pivot(rows: Sequence[Mapping[str, Any]], key: str, series: str, value: str) -> list[tuple[str, dict[str, int]]]:
    bars: dict[str, dict[str, int]] = {}
    for row in rows:
        bars.setdefault(str(row[key]), {})[str(row[series])] = int(row[value])
    return list(bars.items())


def _series(rows: Sequence[Mapping[str, Any]], series: str, value: str) -> list[str]:
    totals: dict[str, int] = {}
    for row in rows:
        totals[str(row[series])] = totals.get(str(row[series]), 0) + int(row[value])
    return sorted(totals, key=lambda name: (-totals[name], name))


# -- sections --------------------------------------------------------------------------------------------------


def _per_site(con: Any, kinds: Sequence[str]) -> Section:
    sites = _rows(
        con,
        """select coalesce(site, '(none)') as site, count(*) as pages, sum(entities) as entities,
                  count(*) filter (where not ok) as failed, cast(max(fetched_at) as varchar) as last_fetched
           from latest_documents group by all order by pages desc, site""",
    )
    by_kind = _rows(
        con,
        """select coalesce(site, '(none)') as site, kind, count(*) as n from entities group by all order by site"""
        if kinds
        else "select null as site, null as kind, 0 as n where false",
    )
    counts = {(r["site"], r["kind"]): r["n"] for r in by_kind}
    columns = ["site", "pages", "entities", *kinds, "pages with errors", "last fetched (UTC)"]
    rows = [
        [
            s["site"],
            s["pages"],
            s["entities"],
            *(counts.get((s["site"], k), 0) for k in kinds),
            s["failed"],
            (s["last_fetched"] or "")[:19],
        ]
        for s in sites
    ]
    chart = stacked_bars("Entities per site (latest version of each page)", _pivot(by_kind, "site", "kind", "n"), kinds)
    return Section("Per site", table(columns, rows) + chart)


def _over_runs(con: Any) -> Section:
    runs = _rows(
        con,
        """with pages as (select run_id, coalesce(site, '(none)') as site, count(*) as n from documents group by all),
                errs as (select run_id, count(*) as n from errors group by all)
           select p.run_id, p.site, p.n, coalesce(e.n, 0) as errors from pages p left join errs e using (run_id)
           order by p.run_id""",
    )
    per_kind = [
        f"select run_id, '{kind}' as kind, count(*) as n from {t.name} group by run_id"
        for kind, t in TABLE_FOR_KIND.items()
        if _has(con, t.name)
    ]
    entity_runs = _rows(con, " union all ".join(per_kind) + " order by run_id") if per_kind else []
    overview = _rows(
        con,
        """select run_id, min(crawl_date) as crawl_date, count(*) as pages, sum(entities) as entities,
                  sum(repairs) as repairs from documents group by all order by run_id""",
    )
    errors = {r["run_id"]: r["errors"] for r in runs}
    rows = [
        [r["run_id"], str(r["crawl_date"]), r["pages"], r["entities"], r["repairs"], errors.get(r["run_id"], 0)]
        for r in overview
    ]
    pages_chart = stacked_bars(
        "Pages written per run, by site", _pivot(runs, "run_id", "site", "n"), _series(runs, "site", "n")
    )
    entities_chart = stacked_bars(
        "Entities written per run, by kind",
        _pivot(entity_runs, "run_id", "kind", "n"),
        _series(entity_runs, "kind", "n"),
    )
    columns = ["run", "crawl date", "pages", "entities", "repairs", "errors"]
    note = "<p>Each run writes the pages it fetched; an incremental run skips unchanged pages.</p>"
    return Section("Over runs", note + table(columns, rows, numeric_from=2) + pages_chart + entities_chart)


# An error row's site: its page's, else the site its run crawled (crawl errors have no page), else the host.
ERRORS_SITE = """errors e left join (select distinct doc_id, site from documents) d using (doc_id)
    left join (select run_id, any_value(site) as site from runs group by run_id) r using (run_id)"""
ERRORS_SITE_NO_RUNS = """errors e left join (select distinct doc_id, site from documents) d using (doc_id)
    left join (select null as run_id, null as site) r using (run_id)"""


def _errors(con: Any) -> Section:
    if not _has(con, "errors"):
        return Section("Errors", '<p class="empty">no errors table</p>')
    source = ERRORS_SITE if _has(con, "runs") else ERRORS_SITE_NO_RUNS
    by_stage = _rows(
        con,
        f"""select coalesce(d.site, r.site, regexp_extract(e.url, '^[a-z]+://([^/:]+)', 1), '(unknown)') as site,
                  e.stage, e.error, count(*) as n
           from {source} group by all order by n desc, site, e.stage, e.error""",
    )
    stage_totals = _rows(
        con,
        f"""select coalesce(d.site, r.site, regexp_extract(e.url, '^[a-z]+://([^/:]+)', 1), '(unknown)') as site,
                  e.stage, count(*) as n
           from {source} group by all""",
    )
    latest = _rows(
        con,
        """select run_id, url, stage, error, message from errors
           order by run_id desc, "at" desc nulls last limit 20""",
    )
    chart = stacked_bars(
        "Errors per site, by stage (all runs)",
        _pivot(stage_totals, "site", "stage", "n"),
        _series(stage_totals, "stage", "n"),
    )
    rows = [[r["site"], r["stage"], r["error"], r["n"]] for r in by_stage]
    recent = [[r["run_id"], r["url"], r["stage"], r["error"], r["message"]] for r in latest]
    return Section(
        "Errors",
        chart
        + table(["site", "stage", "error", "rows"], rows, numeric_from=3)
        + "<h3>Latest error rows</h3>"
        + table(["run", "url", "stage", "error", "message"], recent, numeric_from=5),
    )


def _encodings(con: Any) -> Section:
    rows = _rows(
        con,
        """select coalesce(encoding, '(none)') as encoding, coalesce(encoding_source, '(none)') as source,
                  count(*) as pages, count(*) filter (where repairs > 0) as repaired, sum(repairs) as repairs
           from latest_documents group by all order by pages desc, encoding""",
    )
    by_site = _rows(
        con,
        """select coalesce(site, '(none)') as site, coalesce(encoding, '(none)') || ' (' ||
                  coalesce(encoding_source, '?') || ')' as encoding, count(*) as n
           from latest_documents group by all order by site""",
    )
    chart = stacked_bars(
        "Pages per site, by encoding (and why that encoding)",
        _pivot(by_site, "site", "encoding", "n"),
        _series(by_site, "encoding", "n"),
    )
    body = [[r["encoding"], r["source"], r["pages"], r["repaired"], r["repairs"]] for r in rows]
    columns = ["encoding", "chosen from", "pages", "pages repaired", "repairs"]
    return Section("Encodings and repairs", table(columns, body, numeric_from=2) + chart)


def _frequent(con: Any, kind: str) -> Section | None:
    entity_table = TABLE_FOR_KIND.get(kind)
    if entity_table is None or not _has(con, f"latest_{entity_table.name}"):
        return None
    label = "label" if "label" in entity_table.names else "null"
    rows = _rows(
        con,
        f"""select coalesce(site, '(none)') as site, value, string_agg(distinct {label}, ', ') as labels,
                   count(distinct doc_id) as pages, count(*) as mentions
            from latest_{entity_table.name} group by coalesce(site, '(none)'), value
            qualify row_number() over (partition by coalesce(site, '(none)')
                                       order by count(distinct doc_id) desc, count(*) desc, value) <= {TOP_VALUES}
            order by site, pages desc, mentions desc, value""",
    )
    body = [[r["site"], r["value"], r["labels"] or "", r["pages"], r["mentions"]] for r in rows]
    title = f"Most frequent {entity_table.name} per site"
    return Section(title, table(["site", "value", "labels", "pages", "mentions"], body, numeric_from=3))


# -- the page --------------------------------------------------------------------------------------------------


def sections(con: Any) -> list[Section]:
    kinds = (
        [r["kind"] for r in _rows(con, "select kind from entities group by kind order by count(*) desc")]
        if _has(con, "entities")
        else []
    )
    found = [_per_site(con, kinds), _over_runs(con), _errors(con), _encodings(con)]
    found += [s for kind in ("phone", "address") if (s := _frequent(con, kind)) is not None]
    return found


def render(out_dir: str | Path, *, now: dt.datetime | None = None) -> str:
    """The report of `out_dir` as one HTML document."""
    from output.views import connect

    con = connect(out_dir)
    try:
        totals = _rows(
            con,
            """select count(*) as pages, count(distinct coalesce(site, '')) as sites,
                      coalesce(sum(entities), 0) as entities,
                      (select count(distinct run_id) from documents) as runs
               from latest_documents""",
        )[0]
        found = sections(con)
    finally:
        con.close()
    generated = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    toc = "".join(f'<li><a href="#s{i}">{_esc(s.title)}</a></li>' for i, s in enumerate(found))
    body = "".join(f'<section id="s{i}"><h2>{_esc(s.title)}</h2>{s.html}</section>' for i, s in enumerate(found))
    summary = (
        f"pages {totals['pages']} (latest version of each), sites {totals['sites']}, "
        f"entities {totals['entities']}, runs {totals['runs']}"
    )
    template = Template(files("output").joinpath("report.html").read_text(encoding="utf-8"))
    return template.substitute(
        title=_esc(f"guidecrawl report: {Path(out_dir).name or out_dir}"),
        summary=_esc(summary),
        generated=_esc(generated),
        toc=toc,
        body=body,
    )


def write_report(out_dir: str | Path, target: str | Path) -> Path:
    """Render the report of `out_dir` into `target` (written whole, then renamed into place; a symlink at
    `target` is followed). Raises OSError if `target` is a device, FIFO, socket or folder."""
    from output.atomic import discard, publish, replaced_file, temp_path

    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    final = replaced_file(path)  # checked before rendering: a FIFO or device at `target` is refused, not replaced
    page = render(out_dir)
    temp = temp_path(final)
    try:
        temp.write_text(page, encoding="utf-8")
        publish(temp, final)
    except BaseException:
        discard(temp)
        raise
    return path
