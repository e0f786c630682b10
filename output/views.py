"""DuckDB views over an output folder: every run, the latest version of each page, and one wide `entities` view.

    con = connect("out/demo")                      # an in-memory DuckDB connection with the views
    con.sql("select site, count(*) from latest_documents group by site").show()
    create_database("out/demo")                    # out/demo/guidecrawl.duckdb, openable by any DuckDB client
    print(views_sql("out/demo"))                   # the same views as SQL text

Views (`VIEWS` lists them with what they hold):

- `documents`, `phones`, `addresses`, …, `errors`: every row of every run, `crawl_date` included.
- `runs`: one row per run manifest (`_runs/<run_id>.json`): run_id, crawl_date, started_at, site, pages.
- `latest_documents`: one row per `doc_id`, the newest version (latest `fetched_at`, then `run_id`). An
  incremental run writes only the pages that changed, so a page's latest version may come from an older run.
- `latest_<table>` for each entity table: the entity rows of exactly those page versions, with the page's
  `site`, `url`, `title` and the sentence the entity came from. Counting them never double-counts a page crawled twice.
- `entities`: all latest entities in one table of common columns (kind, value as text, number, unit, label,
  the sentence the entity came from, …) for a first look across kinds; the typed columns are in `latest_<table>`.

The views are generated from `output.schema`, so a table or column added there shows up here without an edit;
a table with no file yet in the folder (an output written before that table existed) gets no view, and
files written before a column existed read it as null (`union_by_name`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from output.atomic import replaced_file
from output.dataset import RUNS_DIR
from output.schema import DOCUMENTS, ENTITY_TABLES, ERRORS, Table

if TYPE_CHECKING:
    import duckdb

DATABASE_NAME = "guidecrawl.duckdb"

# What ends a sentence for the `entities.sentence` column (a line break ends one too).
SENTENCE_END = "。！？!?；;\n"
# How far from the entity the sentence is looked for, each side (characters): bounds the regex work per row.
SENTENCE_REACH = 160

# Columns of the wide `entities` view that a kind fills from one of its own columns when it has it.
WIDE_FROM_KIND = {"unit": "unit", "label": "label"}


class NoTables(ValueError):
    """The folder holds no guidecrawl tables."""


class UnreadablePath(ValueError):
    """A path that cannot be handed to DuckDB so that it names that folder or file and nothing else."""


# DuckDB reads every path given to read_parquet/read_text as a glob pattern and has no escape character for the
# pattern characters; a one-character class matches just that character, so `[*]` is a literal `*`.
GLOB_SPECIAL = "*?["


def _literal(path: str) -> str:
    """`path` as a DuckDB glob pattern that matches only `path` itself."""
    return "".join(f"[{ch}]" if ch in GLOB_SPECIAL else ch for ch in path)


def _shown(path: str) -> str:
    """`path` printable on one line: an undecodable byte shows as `\\xff`, a line break as `\\n`."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _duckdb_path(path: str) -> str:
    """`path` as DuckDB should get it: refused if not UTF-8 (DuckDB's strings are UTF-8 only); a relative path
    starting with `~` (DuckDB's home folder) or with a `name:` first part (`file:` and `md:` URLs) gets a leading
    `./`, so it stays a file in the current folder."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raise UnreadablePath(f"{_shown(path)}: the path is not valid UTF-8, which DuckDB cannot use") from None
    if not path.startswith("/") and (path.startswith("~") or ":" in path.split("/")[0]):
        return "./" + path
    return path


def _duckdb_root(root: str) -> str:
    """`root` as the start of a DuckDB glob pattern that reads only files under that folder (refused if it
    holds a backslash: DuckDB's glob splits a path on `\\` as on `/`)."""
    root = _duckdb_path(root)
    if "\\" in root:
        raise UnreadablePath(f"{_shown(root)}: DuckDB reads a backslash in a path as a folder separator")
    return _literal(root)


def _duckdb_database(path: str) -> str:
    """`path` of a database file as DuckDB should get it (refused if it holds a `?`: DuckDB puts its `.wal`
    before a `?`, as in a URL, and then cannot open the database's write-ahead log)."""
    path = _duckdb_path(path)
    if "?" in path:
        raise UnreadablePath(
            f"{_shown(path)}: DuckDB cannot write a database whose path holds '?': name another file with --db"
        )
    return path


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _has_files(root: Path, table: Table) -> bool:
    return any((root / table.name).glob("crawl_date=*/*.parquet"))


def _read(root: str, table: Table) -> str:
    """SQL reading every file of `table`. `crawl_date` is taken from each file's own `crawl_date=` folder: DuckDB's
    hive_partitioning reads every `key=value` folder of the whole path, so a parent folder named `site=x` would
    overwrite every row's `site`."""
    pattern = f"{root}/{table.name}/*/*.parquet"
    crawl_date = "cast(nullif(regexp_extract(filename, '/crawl_date=([^/]*)/[^/]*$', 1), '') as date)"
    return (
        f"(select * exclude (filename), {crawl_date} as crawl_date\n"
        f" from read_parquet({_quote(pattern)}, hive_partitioning = false, union_by_name = true, filename = true))"
    )


def present_tables(out_dir: str | Path) -> list[Table]:
    """The tables of `output.schema` that have at least one file in `out_dir`."""
    root = Path(out_dir)
    return [t for t in (DOCUMENTS, *ENTITY_TABLES, ERRORS) if _has_files(root, t)]


def _runs(root: str) -> str:
    """One row per run manifest (`_runs/<run_id>.json`): when it started, the site it crawled, pages given."""
    pattern = f"{root}/{RUNS_DIR}/*.json"
    return (
        "create or replace view runs as\n"
        "select json_extract_string(content, '$.run_id') as run_id,\n"
        "       cast(json_extract_string(content, '$.crawl_date') as date) as crawl_date,\n"
        "       cast(json_extract_string(content, '$.started_at') as timestamptz) as started_at,\n"
        "       json_extract_string(content, '$.settings.site') as site,\n"
        "       cast(json_extract(content, '$.summary.pages') as integer) as pages\n"
        f"from read_text({_quote(pattern)})"
    )


def _latest_documents() -> str:
    return (
        "create or replace view latest_documents as\n"
        "select * from documents\n"
        "qualify row_number() over (partition by doc_id order by fetched_at desc nulls last, run_id desc) = 1"
    )


def _latest_entities(table: Table) -> str:
    # distinct: saved files with the same text are one page (one doc_id) with a documents row each, and each row's
    # entities are written, the same rows once per file; the page's entities are read once, as the page is.
    sentence = _sentence("d.text", 'e."start"', 'e."end"')
    return (
        f"create or replace view latest_{table.name} as\n"
        f"select distinct e.*, d.site, d.url, d.title, {sentence} as sentence\n"
        f"from {table.name} e join latest_documents d on e.doc_id = d.doc_id and e.run_id = d.run_id"
    )


def _sentence(text: str, start: str, end: str) -> str:
    """SQL for the sentence around characters [start, end) of `text` (DuckDB strings index characters)."""
    stop = SENTENCE_END.replace("\n", "\\n")
    reach = SENTENCE_REACH
    before = f"substr({text}, greatest(1, {start} + 1 - {reach}), least({start}, {reach}))"
    after = f"substr({text}, {end} + 1, {reach})"
    return (
        f"trim(regexp_extract({before}, '[^{stop}]*$') || substr({text}, {start} + 1, {end} - {start}) || "
        f"regexp_extract({after}, '^[^{stop}]*[{stop}]?'), ' ' || chr(10))"
    )


def _wide_select(table: Table) -> str:
    names = set(table.names)
    value_type = table.column("value").type
    numeric = pa.types.is_floating(value_type) or pa.types.is_integer(value_type)
    parts = [
        f"{_quote(table.kind or table.name)} as kind",
        # 35000.0 reads as 35000, like the entity JSON
        "regexp_replace(cast(e.value as varchar), '\\.0$', '') as value" if numeric else "e.value as value",
        "cast(e.value as double) as number" if numeric else "cast(null as double) as number",
    ]
    for wide, own in WIDE_FROM_KIND.items():
        parts.append(f"cast(e.{_ident(own)} as varchar) as {wide}" if own in names else f"null::varchar as {wide}")
    parts += [
        "e.doc_id",
        "d.site",
        "d.url",
        "d.title",
        "e.record",
        "e.text",
        'e."start"',
        'e."end"',
        _sentence("d.text", 'e."start"', 'e."end"') + " as sentence",
        "e.run_id",
        "e.crawl_date",
    ]
    return (
        f"select distinct {', '.join(parts)}\n"  # a page saved twice: its entities once (see _latest_entities)
        f"from {table.name} e join latest_documents d on e.doc_id = d.doc_id and e.run_id = d.run_id"
    )


def statements(out_dir: str | Path, *, root: str | None = None) -> Iterator[str]:
    """The `create view` statements for the tables found in `out_dir`; file paths in them start with `root`
    (default: `out_dir` as given)."""
    base = _duckdb_root((root if root is not None else str(out_dir)).rstrip("/") or ".")
    tables = present_tables(out_dir)
    if DOCUMENTS not in tables:
        raise NoTables(f"no guidecrawl tables in {out_dir} (expected {DOCUMENTS.name}/crawl_date=*/*.parquet)")
    for table in tables:
        yield f"create or replace view {table.name} as\nselect * from {_read(base, table)}"
    if any((Path(out_dir) / RUNS_DIR).glob("*.json")):
        yield _runs(base)
    yield _latest_documents()
    entity_tables = [t for t in tables if t.kind]
    for table in entity_tables:
        yield _latest_entities(table)
    if entity_tables:
        union = "\nunion all by name\n".join(_wide_select(t) for t in entity_tables)
        yield f"create or replace view entities as\n{union}"


def views_sql(out_dir: str | Path, *, root: str | None = None) -> str:
    """The views as one SQL script (runs in the DuckDB shell from the folder the paths are relative to)."""
    return "".join(f"{statement};\n\n" for statement in statements(out_dir, root=root))


def create_views(con: duckdb.DuckDBPyConnection, out_dir: str | Path, *, root: str | None = None) -> list[str]:
    """Create the views in `con`; returns their names."""
    return _execute(con, statements(out_dir, root=root))


def _execute(con: duckdb.DuckDBPyConnection, found: Iterable[str]) -> list[str]:
    names = []
    for statement in found:
        con.execute(statement)
        names.append(statement.split()[4])
    return names


def connect(out_dir: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with the views over `out_dir`."""
    import duckdb

    con = duckdb.connect()
    create_views(con, out_dir)
    return con


def create_database(out_dir: str | Path, database: str | Path | None = None) -> tuple[Path, list[str]]:
    """Write the views into a DuckDB database file (default `out_dir/guidecrawl.duckdb`), with absolute paths
    so the file opens from any folder. Returns the file and the view names. Raises UnreadablePath for a folder
    DuckDB cannot name, OutputWriteError if `database` is a device, FIFO, socket or folder."""
    import duckdb

    root = Path(out_dir).resolve()
    target = Path(database) if database is not None else root / DATABASE_NAME
    found = list(statements(root, root=root.as_posix()))  # an unreadable folder is refused before a file is made
    path = _duckdb_database(str(target))
    replaced_file(target)  # refuses a FIFO (DuckDB would wait on it forever), a device or a socket
    with duckdb.connect(path) as con:
        names = _execute(con, found)
    return target, names
