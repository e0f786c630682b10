"""Extraction stages: bytes → text (decode), HTML → Document (content), text → entities (one module per kind).

`extract.pipeline.process_page` composes them with `normalize` for one page; the crawler and
`guidecrawl extract` both call it.
"""
