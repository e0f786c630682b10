"""extract/content/block_model.py: the learned second look at the article block (model shipped as data)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import lxml.etree
import pytest

from extract.content.block_model import (
    FEATURES,
    MODEL_PATH,
    PageMeasures,
    _rows,
    block_model,
    hints,
    parse_model,
    scored_candidates,
    text_kept,
)
from extract.content.blocks import article_block, best_subtree, line_weights, subtree_weights, with_its_introduction
from extract.content.lines import cut_page, split_lines
from extract.content.parse import parse_html
from extract.content.vocabulary import vocabulary

ROOT = Path(__file__).resolve().parents[3]
TITLE = "Chronic disease bills settled at pharmacies"
STORY = (
    "The city medical insurance bureau announced on Monday that residents can now settle outpatient bills for chronic"
    " diseases directly at any designated pharmacy in the province, without paying first and claiming later.",
    "Under the new rules, patients with hypertension, diabetes and eleven other chronic conditions will have their"
    " reimbursement calculated at the counter, and the insured person pays only their own share.",
    "Officials said the change would save the average patient several trips a year to the service hall, and that"
    " more than 1,200 pharmacies had already connected to the settlement platform.",
    "Residents who have not yet registered their chronic condition can apply online through the government service"
    " portal or at any neighbourhood service centre, bringing their hospital diagnosis.",
    "The bureau also reminded residents that the annual contribution for the urban and rural resident scheme must be"
    " paid before the end of December to keep coverage for the following year.",
)
OTHER_STORIES = (
    "Readers also liked: how to transfer your pension account when you move to another city.",
    "Popular this week: ten questions about maternity insurance, answered by the hotline staff.",
    "Most read: what the new outpatient pooling scheme means for retired employees.",
)


def news_page(beside: tuple[str, ...]) -> str:
    """An article with a column of other stories' teasers beside it in the same wrapper (not named as furniture,
    so the boilerplate drop leaves it): the teasers are prose and lift the wrapper above the article."""
    story = "".join(f"<p>{p}</p>" for p in STORY)
    column = "".join(f"<div class='item'><p>{p}</p></div>" for p in beside)
    return (
        f"<html><head><title>{TITLE} - City News</title></head><body><div id='wrap'><h1>{TITLE}</h1>"
        f"<div id='story' class='article-body'>{story}</div><div id='column'>{column}</div></div></body></html>"
    )


def choices(html: str) -> tuple[str | None, str | None]:
    """(the weightiest subtree, the article block after the model's look), by id or tag."""
    root = parse_html(html)
    assert root is not None
    lines = cut_page(root)
    choice, _ = best_subtree(lines, vocabulary())
    assert choice is not None
    body = article_block(lines, choice, TITLE, vocabulary())
    return choice.get("id") or choice.tag, body.get("id") or body.tag


# ----------------------------------------------------------------------------- the choice
def test_the_article_is_taken_out_of_a_wrapper_that_teasers_beside_it_lifted() -> None:
    assert choices(news_page(OTHER_STORIES)) == ("html", "story")


def test_an_article_alone_keeps_the_weightiest_subtree() -> None:
    weightiest, body = choices(news_page(()))
    assert body == weightiest


def test_a_short_text_is_left_to_the_weights() -> None:
    # Shorter than the bodies of the training pages: the model does not speak.
    html = (
        f"<html><body><div id='wrap'><div id='story'><p>{STORY[0]}</p></div><p>{OTHER_STORIES[0]}</p></div>"
        "</body></html>"
    )
    root = parse_html(html)
    assert root is not None
    lines = cut_page(root)
    choice, _ = best_subtree(lines, vocabulary())
    assert choice is not None and article_block(lines, choice, TITLE, vocabulary()) is choice
    model = block_model()
    assert model is not None and model.min_choice_text > sum(line.chars for line in lines)


def candidate_rows(html: str) -> list[tuple[lxml.etree._Element, list[float]]]:
    """The block model's candidates around the page's weightiest subtree, each with its feature row."""
    root = parse_html(html)
    assert root is not None
    lines = cut_page(root)
    choice, _ = best_subtree(lines, vocabulary())
    assert choice is not None
    weights = line_weights(lines, vocabulary())
    return scored_candidates(choice, subtree_weights(lines, weights), weights, lines, TITLE)


def test_a_candidate_holding_little_of_the_text_is_never_the_body() -> None:
    rows = dict(candidate_rows(news_page(OTHER_STORIES)))
    model = block_model()
    assert model is not None
    kept = {element.get("id") or element.tag: text_kept(row) for element, row in rows.items()}
    assert kept["story"] >= model.min_text_kept  # the article holds most of the text
    assert kept["column"] < model.min_text_kept  # the teaser column does not: it cannot be chosen
    assert kept["wrap"] > 0.9  # the wrapper holds the article, the teasers and the headline


@pytest.mark.parametrize("least_kept", [0.0, 0.5, 0.7, 0.95])
def test_the_second_look_scores_only_the_candidates_that_keep_enough_text(least_kept: float) -> None:
    # The rerank reads `text_kept` before it builds a row: the rows it scores are the full set's rows of the
    # candidates other than the weightiest subtree that keep `least_kept` of its text, in the same order.
    root = parse_html(news_page(OTHER_STORIES))
    assert root is not None
    lines = cut_page(root)
    choice, _ = best_subtree(lines, vocabulary())
    assert choice is not None
    weights = line_weights(lines, vocabulary())
    totals = subtree_weights(lines, weights)
    every = scored_candidates(choice, totals, weights, lines, TITLE)
    admitted = [(e, row) for e, row in every if e is not choice and text_kept(row) >= least_kept]
    scored = _rows(choice, totals, weights, lines, TITLE, least_kept=least_kept)
    assert [(e.get("id") or e.tag, row) for e, row in scored] == [(e.get("id") or e.tag, row) for e, row in admitted]
    # Some candidates are scored, and at the model's share some are not: the filter is at work.
    assert admitted and (least_kept < 0.7 or len(admitted) < len(every) - 1)


@pytest.mark.parametrize(
    ("title", "first_lines", "overlap"),
    [
        # Chinese: character bigrams of letters and digits; 7 of the title's 9 in the first three lines.
        ("职工医保统筹怎么办理", ("职工医保", "统筹，", "怎么？"), 7 / 9),
        # Latin: words longer than two letters; how, medical and insurance of the title's four.
        ("How to handle medical insurance", ("Medical insurance: how to apply", "", ""), 3 / 4),
        ("How to handle medical insurance", ("医保统筹怎么办理", "", ""), 0.0),
        # A two-letter word is no unit of a Latin text, though "ab" is a bigram of the title.
        ("AB医保", ("ab cd ef gh", "", ""), 0.0),
        ("AB医保", ("AB医保统筹", "", ""), 1.0),
    ],
)
def test_the_title_overlap_counts_the_titles_units_in_a_candidates_first_lines(
    title: str, first_lines: tuple[str, ...], overlap: float
) -> None:
    root = parse_html("<div>" + "".join(f"<p>{text}</p>" for text in first_lines if text) + "<p>尾行</p></div>")
    assert root is not None
    lines = list(split_lines(root))
    measures = PageMeasures(lines, [0.0] * len(lines), title)
    assert measures.overlap_at_start(0, len(lines) - 1) == pytest.approx(overlap)


# ----------------------------------------------------------------------------- the model file
def test_the_shipped_model_loads_with_the_features_the_code_computes() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    model = block_model()
    assert model is not None
    assert model.trees or len(model.coefficients) == len(FEATURES)
    assert all(-1 <= f < len(FEATURES) for tree in model.trees for f in tree.feature)
    assert 0.0 < model.min_text_kept <= 1.0


def test_a_model_trained_for_other_features_is_not_used() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert parse_model(data).features == FEATURES
    data["features"] = [*data["features"][:-1], "something_else"]
    assert parse_model(data).features != FEATURES  # block_model() returns None for such a file


def test_inference_is_deterministic() -> None:
    model = block_model()
    assert model is not None
    first = [model.predict(row) for _, row in candidate_rows(news_page(OTHER_STORIES))]
    again = [model.predict(row) for _, row in candidate_rows(news_page(OTHER_STORIES))]
    assert first == again and len(first) >= 3
    reloaded = parse_model(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
    assert [reloaded.predict(row) for _, row in candidate_rows(news_page(OTHER_STORIES))] == first


def test_the_compiled_trees_predict_what_walking_them_predicts() -> None:
    model = block_model()
    assert model is not None and model.leaves is not None
    rows = [row for _, row in candidate_rows(news_page(OTHER_STORIES))]
    rows += [[float(i % 7 - 3) * (-1.5) ** j for j in range(len(FEATURES))] for i in range(20)]
    walked = [model.init + model.learning_rate * sum(tree.predict(row) for tree in model.trees) for row in rows]
    assert [model.predict(row) for row in rows] == walked


def test_trees_that_do_not_compile_are_walked() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["trees"][0]["threshold"][0] = float("nan")  # no Python literal: the trees are walked node by node
    model = parse_model(data)
    assert model.leaves is None
    row = [0.0] * len(FEATURES)
    assert model.predict(row) == model.init + model.learning_rate * sum(tree.predict(row) for tree in model.trees)


def test_the_hint_vocabularies_are_data() -> None:
    vocabulary_of_hints = hints()
    assert {"article", "content"} <= vocabulary_of_hints.content
    assert {"nav", "footer", "comment"} <= vocabulary_of_hints.noise
    assert not vocabulary_of_hints.content & vocabulary_of_hints.noise


# ----------------------------------------------------------------------------- the training pages
def test_no_training_page_is_an_evaluation_or_fixture_page() -> None:
    with (ROOT / "extract" / "data" / "block_model_pages.csv").open(encoding="utf-8") as handle:
        training = {(row["repo"], row["path"]) for row in csv.DictReader(handle)}
    assert {repo for repo, _ in training} == {"opendatalab/magic-html", "scrapinghub/article-extraction-benchmark"}
    assert len(training) >= 250
    used = set()
    infos = [*ROOT.glob("benchmarks/pages/firstsight/*/info.json"), *ROOT.glob("tests/fixtures/pages/*/*/info.json")]
    for info_path in infos:
        info = json.loads(info_path.read_text(encoding="utf-8"))
        used.add((info.get("source_repo"), info.get("source_path")))
    assert ("scrapinghub/article-extraction-benchmark", next(p for r, p in used if r and "scrapinghub" in r)) in used
    assert not training & used


def test_content_outputs_the_article_without_the_teasers_beside_it() -> None:
    from extract.content import content

    text = content(news_page(OTHER_STORIES)).records[0].text
    assert STORY[0] in text and STORY[-1] in text
    assert not any(teaser in text for teaser in OTHER_STORIES)


# ----------------------------------------------------------------------------- a table and its introduction
def notice_with_table(introduction: str) -> str:
    """A 名单公示 notice: a sentence that announces the table, the table of designated hospitals, an attachment."""
    rows = "".join(
        f"<tr><td>{i}</td><td>某某市第{i}人民医院</td><td>某某区健康路{i * 10}号</td><td>0571-8765{i:04d}</td></tr>"
        for i in range(1, 13)
    )
    return (
        "<html><head><title>定点医疗机构名单</title></head><body><div class='nav'><a href='/'>首页</a></div>"
        "<div class='article'><h1>定点医疗机构名单</h1><div class='info'>发布时间：2024-05-06 浏览次数：1523</div>"
        f"<div class='content'><p>{introduction}</p><table><tr><th>序号</th><th>机构名称</th><th>地址</th>"
        f"<th>联系电话</th></tr>{rows}</table><p>附件：定点医疗机构名单.xlsx</p></div></div></body></html>"
    )


def test_a_table_keeps_the_sentence_that_announces_it() -> None:
    from extract.content import content

    introduction = "根据《医疗机构医疗保障定点管理暂行办法》，现将我市定点医疗机构名单公布如下："
    text = content(notice_with_table(introduction)).records[0].text
    assert text.startswith(introduction) and "某某市第12人民医院" in text


def test_a_label_above_a_table_is_no_introduction() -> None:
    root = parse_html(notice_with_table("附件："))
    assert root is not None
    lines = cut_page(root)
    table = next(root.iter("table"))
    content_div = table.getparent()
    assert with_its_introduction(table, content_div, lines) is table
