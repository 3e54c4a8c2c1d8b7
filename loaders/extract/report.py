"""A JSON-ready view of an extraction: the article and its statements with offsets.

Used by ``diplograph extract FILE --json``; independent of the CLI. Every span is
``{"start", "end", "text"}`` with ``text == article.text[start:end]``.
"""

from __future__ import annotations

from typing import Any

from graph.model import IngestBatch, Role, Span, Statement, Target
from graph.relations import codes_for


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def _names(batch: IngestBatch) -> dict[str, str]:
    return {a.id: a.name for a in batch.actors}


def _target(t: Target, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": t.actor_id,
        "name": names.get(t.actor_id),
        "role": t.role.value,
        "mention": t.mention,
        "span": _span(t.span),
    }


def _role(r: Role) -> dict[str, Any]:
    return {
        "person": r.person_id,
        "org": r.org_id,
        "title": r.title,
        "start": r.start.isoformat() if r.start else None,
        "end": r.end.isoformat() if r.end else None,
    }


def statement_view(st: Statement, names: dict[str, str] | None = None) -> dict[str, Any]:
    """One statement as a JSON-ready dict."""
    names = names or {}
    codes = codes_for(st.relation, st.cameo)
    return {
        "id": st.id,
        "speaker": {
            "id": st.speaker_id,
            "name": names.get(st.speaker_id or ""),
            "mention": st.speaker_mention,
            "span": _span(st.speaker_span),
        },
        "on_behalf_of": (
            {"id": st.on_behalf_of_id, "name": names.get(st.on_behalf_of_id)} if st.on_behalf_of_id else None
        ),
        "relation": {
            "type": st.relation.value,
            "cameo": st.cameo,
            "cameo_name": codes.cameo_name,
            "plover": st.plover,
            "quad_class": st.quad_class,
            "goldstein": st.goldstein,
            "negated": st.negated,
        },
        "targets": [_target(t, names) for t in st.targets],
        "cue": {"text": st.cue, "span": _span(st.cue_span)} if st.cue else None,
        "content": {"text": st.content, "span": _span(st.content_span), "direct": st.direct},
        "sentence": {"text": st.sentence, "span": _span(st.sentence_span)},
        "conditions": list(st.conditions),
        "date": st.date.isoformat() if st.date else None,
        "undated": st.undated,
        "date_source": st.date_source,
        "via": {"id": st.via_id, "name": names.get(st.via_id)} if st.via_id else None,
        "language": st.language,
        "confidence": st.confidence,
        "extractor_version": st.extractor_version,
    }


def extraction_report(batch: IngestBatch) -> dict[str, Any]:
    """The batch as a JSON-ready dict: article, statements (with offsets), actors, roles, warnings.

    Examples
    --------
    >>> from graph.model import Article
    >>> from loaders.extract import extract
    >>> report = extraction_report(extract(Article(id="sha:empty", text="", language="en")))
    >>> report["article"]["id"], report["statements"], report["warnings"]
    ('sha:empty', [], ['article has no text'])
    """
    art = batch.article
    names = _names(batch)
    return {
        "article": {
            "id": art.id,
            "title": art.title,
            "url": art.url,
            "language": art.language,
            "published_at": art.published_at.isoformat() if art.published_at else None,
            "outlet": {"id": art.outlet_id, "name": art.outlet or names.get(art.outlet_id or "")},
            "chars": len(art.text),
        },
        "statements": [statement_view(st, names) for st in batch.statements],
        "actors": [{"id": a.id, "name": a.name, "kind": a.kind.value} for a in batch.actors],
        "roles": [_role(r) for r in batch.roles],
        "warnings": list(batch.warnings),
    }
