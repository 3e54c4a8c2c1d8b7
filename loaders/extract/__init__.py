"""Statement extraction: article text → speakers, relations, targets (INTERFACE STUB).

``extract(article)`` returns an :class:`graph.model.IngestBatch` holding the article
(with ``outlet_id`` and ``language`` filled where known), every actor and role the
statements reference (with full alias lists from the gazetteer), the statements, and
warnings. It never raises on odd text: it returns a partial result with warnings.
"""

from __future__ import annotations

from graph.model import Article, IngestBatch


def extract(article: Article, *, lang: str | None = None) -> IngestBatch:
    raise NotImplementedError
