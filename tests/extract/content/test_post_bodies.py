"""extract/content/post_bodies.py: which elements are a thread's post bodies, and whether an engine prints the
thread."""

from __future__ import annotations

from extract.content.parse import parse_html
from extract.content.post_bodies import marked_by_an_engine, post_bodies, post_containers
from extract.content.vocabulary import vocabulary

POSTS = (
    "My insurer denied the MRI claim. Has anyone appealed a denial before?",
    "Yes. Ask for the reason in writing, then file an appeal within 180 days.",
    "Check whether the imaging center was in network before you appeal.",
)


def tree(html: str):
    root = parse_html(html)
    assert root is not None
    return root


def xenforo(texts: tuple[str, ...] = POSTS) -> str:
    """XenForo 2 as it prints a thread: every post, the first one too, an article.message with its poster's card."""
    return (
        "<html><body><div class='block-body'>"
        + "".join(
            f"<article class='message message--post js-post'><div class='message-user'><a class='username'>u{i}</a>"
            f"</div><div class='message-main'><div class='message-content js-messageContent'><div class='bbWrapper'>"
            f"{text}</div></div></div></article>"
            for i, text in enumerate(texts)
        )
        + "</div></body></html>"
    )


def test_each_posts_outermost_body_and_its_box_are_found() -> None:
    root = tree(xenforo())
    bodies = post_bodies(root, vocabulary())
    assert [body.get("class") for body in bodies] == ["message-content js-messageContent"] * 3  # bbWrapper is inside
    assert [box.tag for box in post_containers(bodies)] == ["article"] * 3


def test_a_thread_whose_first_post_is_in_the_replies_kind_of_box_is_an_engines() -> None:
    assert marked_by_an_engine(tree(xenforo()), vocabulary())
    # two posts are too few to tell
    assert not marked_by_an_engine(tree(xenforo(POSTS[:2])), vocabulary())


def test_an_article_box_with_comments_in_boxes_of_another_kind_is_no_engines_thread() -> None:
    article = f"<article class='post-content'><p>{' '.join(POSTS)}</p></article>"
    comments = "".join(f"<li class='comment'><div class='post-body'><p>{text}</p></div></li>" for text in POSTS)
    root = tree(f"<html><body>{article}<ol class='comment-list'>{comments}</ol></body></html>")
    assert len(post_bodies(root, vocabulary())) == 4
    assert not marked_by_an_engine(root, vocabulary())


def test_a_feed_of_headline_links_is_no_post_body() -> None:
    feed = "".join(
        f"<div class='post-content'><a href='/news/{i}.html'>Insurers to cover more MRI scans from May</a>"
        "<span>2024-05-01</span></div>"
        for i in range(3)
    )
    assert post_bodies(tree(f"<html><body>{feed}</body></html>"), vocabulary()) == []
