"""DuckDB views over an output folder: every page once (its latest version), joined to its entities, typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from extract.errors import PageError
from extract.pipeline import PageResult
from output.dataset import DatasetWriter
from output.rows import document_row
from output.views import DATABASE_NAME, NoTables, connect, create_database, views_sql
from tests.output.samples import FETCHED, make_result, seed_entities

PAGE_A = "/bszn/t20240903_1.htm"
PAGE_B = "/bszn/t20240904_2.htm"


def page(port: int, path: str, *, fetched: dt.datetime = FETCHED, title: str = "办事指南") -> PageResult:
    result = make_result(url=f"http://127.0.0.1:{port}{path}", title=title)
    result.fetched_at = fetched
    return result


def write_run(out: Path, run_id: str, *pages: PageResult, errors: tuple[PageError, ...] = ()) -> None:
    with DatasetWriter(out, run_id=run_id, run_metadata={"site": "fzyb"}) as writer:
        for result in pages:
            writer.write_page(result)
        for error in errors:
            writer.write_error(error)


@pytest.fixture
def two_runs(tmp_path: Path) -> Path:
    """The same two pages crawled twice, from a server on another port each time (as two `make demo` runs)."""
    out = tmp_path / "out"
    write_run(out, "run1", page(40001, PAGE_A), page(40001, PAGE_B))
    later = FETCHED + dt.timedelta(days=1)
    write_run(
        out,
        "run2",
        page(40002, PAGE_A, fetched=later, title="新版指南"),
        page(40002, PAGE_B, fetched=later),
        errors=(PageError("http://127.0.0.1:40002/missing.htm", "fetch", "http_404", "HTTP 404", later),),
    )
    return out


# -- doc_id and site ---------------------------------------------------------------------------------------------


def test_doc_id_is_the_same_on_another_port_and_scheme() -> None:
    assert page(40001, PAGE_A).doc_id == page(40002, PAGE_A).doc_id
    https = dataclasses.replace(page(40001, PAGE_A), url="https://ybj.fuzhou.gov.cn" + PAGE_A)
    assert https.doc_id == page(40001, PAGE_A).doc_id


def test_doc_id_differs_between_pages_and_between_sites() -> None:
    assert page(40001, PAGE_A).doc_id != page(40001, PAGE_B).doc_id
    other_site = dataclasses.replace(page(40001, PAGE_A), site="other")
    assert other_site.doc_id != page(40001, PAGE_A).doc_id


def test_doc_id_ignores_query_order_and_fragment_but_not_query_values() -> None:
    def with_url(url: str) -> str:
        return dataclasses.replace(make_result(), url=url).doc_id

    base = with_url("http://x.cn/view.php?tid=5&page=2")
    assert with_url("http://x.cn:8080/view.php?page=2&tid=5#reply") == base
    assert with_url("http://x.cn/view.php?tid=5&page=3") != base
    assert with_url("http://x.cn/view.php?tid=5&utm_source=wx&page=2") == base


def test_doc_id_without_a_site_uses_the_host_without_its_port() -> None:
    def unsited(url: str) -> PageResult:
        return dataclasses.replace(make_result(), url=url, site=None)

    assert unsited("http://a.gov.cn:81/x.htm").doc_id == unsited("http://a.gov.cn/x.htm").doc_id
    assert unsited("http://a.gov.cn/x.htm").doc_id != unsited("http://b.gov.cn/x.htm").doc_id


def test_doc_id_of_a_saved_file_without_url_follows_its_text() -> None:
    first = make_result(url=None)
    assert first.doc_id == make_result(url=None).doc_id
    assert make_result(url=None, text=first.text + "。").doc_id != first.doc_id


def test_site_is_the_registry_key_and_site_name_what_the_page_calls_itself() -> None:
    result = make_result()
    assert result.document is not None
    result.document.site = "福州市医疗保障局"
    row = document_row(result, run_id="r")
    assert row is not None
    assert (row["site"], row["site_name"]) == ("fzyb", "福州市医疗保障局")


def test_a_page_that_names_no_site_has_no_site_name() -> None:
    # process_page fills such a page's Document.site with the registry key: that is not a name the page gave.
    row = document_row(make_result(), run_id="r")
    assert row is not None
    assert (row["site"], row["site_name"]) == ("fzyb", None)


# -- latest versions ---------------------------------------------------------------------------------------------


def test_two_runs_give_each_page_once_in_latest_documents(two_runs: Path) -> None:
    con = connect(two_runs)
    assert con.sql("select count(*) from documents").fetchone() == (4,)
    rows = con.sql("select url, run_id, title from latest_documents order by url").fetchall()
    assert rows == [
        ("http://127.0.0.1:40002" + PAGE_A, "run2", "新版指南"),
        ("http://127.0.0.1:40002" + PAGE_B, "run2", "办事指南"),
    ]


def test_latest_entities_join_each_page_once(two_runs: Path) -> None:
    con = connect(two_runs)
    assert con.sql("select count(*) from phones").fetchone() == (4,)
    rows = con.sql("select value, site, run_id, url from latest_phones order by url").fetchall()
    assert rows == [
        ("059187842560", "fzyb", "run2", "http://127.0.0.1:40002" + PAGE_A),
        ("059187842560", "fzyb", "run2", "http://127.0.0.1:40002" + PAGE_B),
    ]
    joined = con.sql(
        "select count(*), count(distinct d.doc_id) from latest_documents d join latest_amounts a using (doc_id)"
    ).fetchone()
    assert joined == (2, 2)


def test_files_saved_with_the_same_text_give_the_pages_entities_once(tmp_path: Path) -> None:
    # Without a URL a saved file's doc_id follows its text: three copies are one page with three documents rows.
    copies = [make_result(url=None) for _ in range(3)]
    assert len({copy.doc_id for copy in copies}) == 1
    out = tmp_path / "out"
    with DatasetWriter(out, run_id="run1") as writer:
        for i, copy in enumerate(copies):
            writer.write_page(copy, source=f"copy{i}.html")
        writer.write_page(make_result(url="http://127.0.0.1:40001" + PAGE_A))
    con = connect(out)
    assert con.sql("select count(*) from documents").fetchone() == (4,)
    assert con.sql("select count(*) from latest_documents").fetchone() == (2,)
    assert con.sql("select count(*), count(distinct doc_id) from latest_phones").fetchone() == (2, 2)
    assert con.sql("select count(*) from entities where kind = 'phone'").fetchone() == (2,)


def test_an_incremental_run_keeps_the_unchanged_page_from_the_earlier_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_run(out, "run1", page(40001, PAGE_A), page(40001, PAGE_B))
    write_run(out, "run2", page(40002, PAGE_A, fetched=FETCHED + dt.timedelta(hours=1)))  # B unchanged: not written
    con = connect(out)
    latest = dict(con.sql("select url[-20:], run_id from latest_documents").fetchall())
    assert latest == {PAGE_A[-20:]: "run2", PAGE_B[-20:]: "run1"}
    assert sorted(r for (r,) in con.sql("select run_id from latest_percents").fetchall()) == ["run1", "run2"]


def test_the_views_keep_the_column_types(two_runs: Path) -> None:
    con = connect(two_runs)

    def types(view: str) -> dict[str, str]:
        return {name: type_ for name, type_, *_ in con.sql(f"describe {view}").fetchall()}

    documents = types("latest_documents")
    assert (documents["fetched_at"], documents["published_date"], documents["crawl_date"]) == (
        "TIMESTAMP WITH TIME ZONE",
        "DATE",
        "DATE",
    )
    assert (documents["records"], documents["ok"]) == ("INTEGER", "BOOLEAN")
    assert types("latest_amounts")["value"] == "DOUBLE"
    assert types("latest_dates")["date"] == "DATE"
    assert types("latest_docrefs")["year"] == "INTEGER"
    assert types("entities")["number"] == "DOUBLE"


def test_runs_view_reads_the_run_manifests(two_runs: Path) -> None:
    rows = connect(two_runs).sql("select run_id, site, pages from runs order by run_id").fetchall()
    assert rows == [("run1", "fzyb", 2), ("run2", "fzyb", 2)]


# -- the wide entities view --------------------------------------------------------------------------------------


def test_entities_has_every_kind_of_the_latest_pages_once(two_runs: Path) -> None:
    kinds = dict(connect(two_runs).sql("select kind, count(*) from entities group by kind").fetchall())
    expected = {e.kind: 2 for e in seed_entities()}
    assert kinds == expected


def test_entities_gives_value_number_unit_label_and_the_sentence(two_runs: Path) -> None:
    con = connect(two_runs)
    amount = con.sql("select value, number, unit, sentence from entities where kind = 'amount' limit 1").fetchone()
    sentence = "个人缴费最高3.5万元/人·年，报销比例50%，2012年6月20日开始至7月13日集中缴费。"
    assert amount == ("35000", 35000.0, "CNY", sentence)
    phone = con.sql("select value, number, label, sentence from entities where kind = 'phone' limit 1").fetchone()
    assert phone == ("059187842560", None, "咨询电话", "咨询电话：(0591)87842560。")


def test_every_sentence_holds_its_entity_text(two_runs: Path) -> None:
    con = connect(two_runs)
    assert con.sql("select count(*) from entities").fetchone() == (14,)
    assert con.sql("select count(*) from entities where strpos(sentence, text) = 0").fetchone() == (0,)


# -- older outputs, SQL text and the database file ----------------------------------------------------------------


def test_files_written_before_a_column_existed_read_it_as_null(two_runs: Path) -> None:
    # A documents file of an older version, without `site_name`: the views still read every run.
    old = next((two_runs / "documents").glob("*/part-run1.parquet"))
    pq.write_table(pq.read_table(old).drop_columns(["site_name"]), old)
    con = connect(two_runs)
    assert con.sql("select count(*), count(site_name) from documents").fetchone() == (4, 0)


def test_an_output_without_a_table_yet_gets_no_view_for_it(two_runs: Path) -> None:
    for file in (two_runs / "docrefs").glob("*/*.parquet"):
        file.unlink()
    con = connect(two_runs)
    views = {name for (name,) in con.sql("select view_name from duckdb_views() where not internal").fetchall()}
    assert "latest_phones" in views
    assert "latest_docrefs" not in views
    assert con.sql("select count(*) from entities where kind = 'docref'").fetchone() == (0,)


def test_a_folder_without_tables_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NoTables, match="no guidecrawl tables in"):
        connect(tmp_path)


def test_the_sql_text_runs_in_a_fresh_duckdb_from_the_parent_folder(
    two_runs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(two_runs.parent)
    sql = views_sql("out")
    assert str(two_runs.parent) not in sql
    con = duckdb.connect()
    con.execute(sql)
    assert con.sql("select count(*) from latest_documents").fetchone() == (2,)


def test_the_database_file_opens_from_anywhere(two_runs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database, names = create_database(two_runs)
    assert database == two_runs.resolve() / DATABASE_NAME
    assert {"latest_documents", "latest_phones", "entities", "runs"} <= set(names)
    monkeypatch.chdir("/")
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.sql("select count(*) from latest_documents").fetchone() == (2,)


# -- the command ---------------------------------------------------------------------------------------------------


def guidecrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True, timeout=120)


def test_guidecrawl_views_writes_the_database_and_names_the_views(two_runs: Path) -> None:
    proc = guidecrawl("views", str(two_runs))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"{two_runs.resolve() / DATABASE_NAME}: 21 views: documents, phones,")
    with duckdb.connect(str(two_runs / DATABASE_NAME), read_only=True) as con:
        assert con.sql("select count(*) from latest_phones").fetchone() == (2,)


def test_guidecrawl_views_sql_prints_the_views(two_runs: Path) -> None:
    proc = guidecrawl("views", str(two_runs), "--sql")
    assert proc.returncode == 0, proc.stderr
    assert "create or replace view latest_documents as" in proc.stdout
    assert not (two_runs / DATABASE_NAME).exists()


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_guidecrawl_views_on_a_wrong_folder_is_one_line(tmp_path: Path, folder: str) -> None:
    (tmp_path / "empty").mkdir()
    proc = guidecrawl("views", str(tmp_path / folder))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("guidecrawl views: error: ")
    assert "Traceback" not in proc.stderr


def test_guidecrawl_views_onto_a_file_that_is_not_a_database_is_one_line(two_runs: Path) -> None:
    (two_runs / "notes.duckdb").write_text("not a database", encoding="utf-8")
    proc = guidecrawl("views", str(two_runs), "--db", str(two_runs / "notes.duckdb"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("guidecrawl views: error: cannot write the views: ")
    assert proc.stderr.count("\n") == 1
    assert (two_runs / "notes.duckdb").read_text(encoding="utf-8") == "not a database"


def test_a_page_without_a_registry_key_is_filed_under_its_host_not_its_own_name() -> None:
    result = dataclasses.replace(make_result(url="http://ybj.fuzhou.gov.cn:8080/x.htm"), site=None)
    assert result.document is not None
    result.document.site = "福州市医疗保障局"
    row = document_row(result, run_id="r")
    assert row is not None
    assert (row["site"], row["site_name"]) == ("ybj.fuzhou.gov.cn", "福州市医疗保障局")
