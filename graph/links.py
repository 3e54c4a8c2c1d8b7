"""Rows of :meth:`graph.store.GraphStore.network_links`, shared by the stores.

A store reads only the fields the actor network draws of each statement and claim (no text,
spans or evidence, no model of the whole statement) and makes them into
:class:`~graph.model.StatementLink` and :class:`~graph.model.ClaimBrief` here, the same way
for every store: the answer equals the statements and claims read whole
(:func:`graph.store.statement_link`, :func:`graph.store.claim_brief`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import TypeAdapter

from graph.model import ClaimBrief, StatementLink, TargetRole

#: The statement fields a link keeps as they are (JSON names, in this order).
LINK_FIELDS = ("id", "article_id", "speaker_id", "on_behalf_of_id", "relation", "cameo", "plover", "quad_class",
               "goldstein", "date", "confidence")  # fmt: skip
#: The claim fields of a :class:`ClaimBrief` (JSON names, in this order).
CLAIM_FIELDS = ("id", "speaker_id", "on_behalf_of_id", "relation", "cameo", "plover", "quad_class", "goldstein",
                "confidence", "num_reports", "num_sources")  # fmt: skip

_LINKS = TypeAdapter(list[StatementLink])
_CLAIMS = TypeAdapter(list[ClaimBrief])
_TARGET = TargetRole.target.value


def target_ids(targets: Iterable[dict[str, Any]]) -> list[str]:
    """The actor ids of ``targets`` (a statement's targets as JSON objects) of role
    ``target``, each once, in their order (a missing role is ``target``, the model's default).

    Examples
    --------
    >>> target_ids([{"actor_id": "a"}, {"actor_id": "b", "role": "mentioned"}, {"actor_id": "a", "role": "target"}])
    ['a']
    """
    return list(dict.fromkeys(t["actor_id"] for t in targets if t.get("role", _TARGET) == _TARGET))


def links(rows: Iterable[Sequence[Any]]) -> list[StatementLink]:
    """Links of rows ``(*LINK_FIELDS, claim_id, has_conditions, targets)`` (the date an ISO day
    or None, ``targets`` as :func:`target_ids` takes them), validated."""
    n = len(LINK_FIELDS)
    return _LINKS.validate_python([
        {**dict(zip(LINK_FIELDS, r[:n], strict=True)), "claim_id": r[n], "conditional": bool(r[n + 1]),
         "targets": target_ids(r[n + 2] or ())}
        for r in rows
    ])  # fmt: skip


def claim_briefs(rows: Iterable[Sequence[Any]]) -> list[ClaimBrief]:
    """Claim briefs of rows in :data:`CLAIM_FIELDS` order, validated."""
    return _CLAIMS.validate_python([dict(zip(CLAIM_FIELDS, r, strict=True)) for r in rows])
