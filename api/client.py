"""Notebook client for the diplograph API: DataFrames and networkx graphs over httpx.

>>> from api.client import Client
>>> c = Client("http://127.0.0.1:8000")  # doctest: +SKIP
>>> c.statements(speaker="Aliyev", relation="declines")  # doctest: +SKIP

Problem responses raise the ``graph.errors`` tree: 404 → :class:`NotFoundError` (with
``suggestions``), 400/422 → :class:`QueryError` (or :class:`InputError` for uploads),
501 → :class:`UnsupportedCapability`, 5xx → :class:`StoreError`; 401/403 (a write without
the server's API key: pass ``api_key=``) → :class:`ApiError`.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
import networkx as nx
import pandas as pd

from graph.errors import (
    DiplographError,
    InputError,
    NotFoundError,
    QueryError,
    StoreError,
    UnsupportedCapability,
)

STATEMENT_COLUMNS = [
    "id", "date", "speaker", "speaker_id", "on_behalf_of", "on_behalf_of_id", "relation", "stance", "targets",
    "target_ids", "content", "quote", "conditions", "cameo", "plover", "quad_class", "goldstein", "via",
    "outlet", "title", "url", "article_id", "language", "confidence",
]  # fmt: skip

CLAIM_COLUMNS = [
    "id", "date", "date_to", "speaker", "speaker_id", "on_behalf_of", "on_behalf_of_id", "relation", "stance",
    "targets", "target_ids", "content", "conditions", "cameo", "plover", "quad_class", "goldstein", "num_reports",
    "num_articles", "num_sources", "outlets", "via", "languages", "first_reported", "last_reported", "source_url",
    "confidence", "grouping_confidence",
]  # fmt: skip

_ALIASES = {"from_": "from", "date_from": "from", "to_": "to", "date_to": "to"}


_UPLOAD_TYPES = {
    ".jsonl": "application/x-ndjson",
    ".ndjson": "application/x-ndjson",
    ".json": "application/json",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".xml": "application/xml",
}
"""Content types the API reads, by file extension (``mimetypes`` does not know all of them)."""


class ApiError(DiplographError):
    """A problem response that maps to no more specific error."""


class ClientNotFoundError(NotFoundError):
    """404 from the API; ``suggestions`` lists close actor names (dicts with id, name, kind)."""

    def __init__(self, message: str, suggestions: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


def _params(filters: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in filters.items():
        if value is None:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple | set):
            value = list(value)
        out[_ALIASES.get(key, key)] = value
    return out


def _raise_for_problem(response: httpx.Response) -> None:
    if response.is_success:
        return
    try:
        body = response.json()
    except ValueError:
        body = {}
    detail = str(body.get("detail") or response.text[:300] or response.reason_phrase)
    status = response.status_code
    message = f"{status} {body.get('title', response.reason_phrase)}: {detail}"
    if status == 404:
        raise ClientNotFoundError(message, body.get("suggestions"))
    if status == 501:
        raise UnsupportedCapability(message)
    if status in (413, 415) or (status == 400 and str(body.get("type", "")).endswith("invalid-input")):
        raise InputError(message)
    if status in (400, 422):
        raise QueryError(message)
    if status >= 500:
        raise StoreError(message)
    raise ApiError(message)


def _statement_row(item: dict[str, Any]) -> dict[str, Any]:
    def name(ref: dict[str, Any] | None) -> str | None:
        return ref["name"] if ref else None

    def ident(ref: dict[str, Any] | None) -> str | None:
        return ref["id"] if ref else None

    targets = [t for t in item["targets"] if t["role"] == "target"]
    article = item.get("article") or {}
    return {
        "id": item["id"],
        "date": pd.Timestamp(item["date"]),
        "speaker": name(item.get("speaker")) or item.get("speaker_mention"),
        "speaker_id": ident(item.get("speaker")),
        "on_behalf_of": name(item.get("on_behalf_of")),
        "on_behalf_of_id": ident(item.get("on_behalf_of")),
        "relation": item["relation"],
        "stance": item.get("stance"),
        "targets": "; ".join(t["name"] for t in targets),
        "target_ids": [t["actor_id"] for t in targets],
        "content": item["content"],
        "quote": item.get("quote"),
        "conditions": "; ".join(item.get("conditions") or []),
        "cameo": item.get("cameo"),
        "plover": item.get("plover"),
        "quad_class": item.get("quad_class"),
        "goldstein": item.get("goldstein"),
        "via": name(item.get("via")),
        "outlet": article.get("outlet"),
        "title": article.get("title"),
        "url": article.get("url"),
        "article_id": article.get("id"),
        "language": item.get("language"),
        "confidence": item.get("confidence"),
    }


def _claim_row(item: dict[str, Any]) -> dict[str, Any]:
    def ref(key: str, field: str) -> str | None:
        value = item.get(key)
        return value[field] if value else None

    targets = [t for t in item["targets"] if t["role"] == "target"]
    return {
        "id": item["id"],
        "date": pd.Timestamp(item["date"]),
        "date_to": pd.Timestamp(item["date_to"]),
        "speaker": ref("speaker", "name") or item.get("speaker_mention"),
        "speaker_id": ref("speaker", "id"),
        "on_behalf_of": ref("on_behalf_of", "name"),
        "on_behalf_of_id": ref("on_behalf_of", "id"),
        "relation": item["relation"],
        "stance": item.get("stance"),
        "targets": "; ".join(t["name"] for t in targets),
        "target_ids": [t["actor_id"] for t in targets],
        "content": item["content"],
        "conditions": "; ".join(item.get("conditions") or []),
        "cameo": item.get("cameo"),
        "plover": item.get("plover"),
        "quad_class": item.get("quad_class"),
        "goldstein": item.get("goldstein"),
        "num_reports": item["num_reports"],
        "num_articles": item["num_articles"],
        "num_sources": item["num_sources"],
        "outlets": item.get("outlets") or [],
        "via": [v["name"] for v in item.get("via") or []],
        "languages": item.get("languages") or [],
        "first_reported": pd.Timestamp(item["first_reported"]) if item.get("first_reported") else pd.NaT,
        "last_reported": pd.Timestamp(item["last_reported"]) if item.get("last_reported") else pd.NaT,
        "source_url": item.get("source_url"),
        "confidence": item.get("confidence"),
        "grouping_confidence": item.get("grouping_confidence"),
    }


def elements_to_graph(body: dict[str, Any]) -> nx.MultiDiGraph:
    """A MultiDiGraph from Cytoscape JSON elements (edge key = relation)."""
    g = nx.MultiDiGraph()
    elements = body.get("elements", body)
    for node in elements.get("nodes", []):
        data = dict(node["data"])
        g.add_node(data.pop("id"), **data)
    for edge in elements.get("edges", []):
        data = dict(edge["data"])
        g.add_edge(data.pop("source"), data.pop("target"), key=data.get("relation"), **data)
    return g


class Client:
    """A thin, typed client for the diplograph HTTP API."""

    def __init__(
        self, base_url: str = "http://127.0.0.1:8000", timeout: float = 30.0, *, api_key: str | None = None
    ) -> None:
        """``api_key``: sent as ``Authorization: Bearer`` (needed for writes when the server has keys)."""
        self.base_url = base_url.rstrip("/")
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else None
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, headers=headers)

    # -- plumbing -----------------------------------------------------------------------
    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            raise StoreError(f"cannot reach the diplograph API at {self.base_url}: {exc}") from exc
        _raise_for_problem(response)
        return response

    def _get(self, path: str, **filters: Any) -> Any:
        return self._request("GET", path, params=_params(filters)).json()

    # -- statements ---------------------------------------------------------------------
    def _pages(self, path: str, page_size: int, filters: dict[str, Any]) -> Iterator[dict[str, Any]]:
        params = _params(filters)
        params["limit"] = page_size
        while True:
            body = self._request("GET", path, params=params).json()
            yield from body["items"]
            if not body.get("next_cursor"):
                return
            params["cursor"] = body["next_cursor"]

    def iter_statements(self, page_size: int = 500, **filters: Any) -> Iterator[dict[str, Any]]:
        """Statement items (dicts) for the filters, following ``next_cursor`` page by page."""
        return self._pages("/statements", page_size, filters)

    def statements(self, *, max_rows: int | None = None, **filters: Any) -> pd.DataFrame:
        """Statements as a DataFrame (one row each; every page fetched for you).

        Filters: speaker, target, about, relation, cameo, plover, quad_class, language,
        outlet, via, from_/to (dates), q, min_confidence, sort.
        """
        rows: list[dict[str, Any]] = []
        for item in self.iter_statements(**filters):
            rows.append(_statement_row(item))
            if max_rows is not None and len(rows) >= max_rows:
                break
        return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)

    # -- claims -------------------------------------------------------------------------
    def iter_claims(self, page_size: int = 500, **filters: Any) -> Iterator[dict[str, Any]]:
        """Claim items (dicts) for the filters, following ``next_cursor`` page by page."""
        return self._pages("/claims", page_size, filters)

    def claims(self, *, max_rows: int | None = None, **filters: Any) -> pd.DataFrame:
        """Claims as a DataFrame: one row per claim (a statement counted once, however many
        outlets reported it) with ``num_reports``, ``num_articles``, ``num_sources``, the
        outlets and the earliest report's URL. Filters: those of :meth:`statements` (a claim
        matches when one of its reports does) and ``min_sources``.
        """
        rows: list[dict[str, Any]] = []
        for item in self.iter_claims(**filters):
            rows.append(_claim_row(item))
            if max_rows is not None and len(rows) >= max_rows:
                break
        return pd.DataFrame(rows, columns=CLAIM_COLUMNS)

    def claim(self, claim_id: str) -> dict[str, Any]:
        """One claim with every report (``reports``: statements with their ``position``)."""
        result: dict[str, Any] = self._get(f"/claims/{claim_id}")
        return result

    # -- actors -------------------------------------------------------------------------
    def actors(self, q: str | None = None, kind: str | None = None, limit: int = 20) -> pd.DataFrame:
        """Actors whose name or alias matches ``q`` (type-ahead, diacritics folded)."""
        items = self._get("/actors", q=q, kind=kind, limit=limit)["items"]
        return pd.DataFrame(items, columns=["id", "name", "kind", "qid", "country", "aliases"])

    def actor(self, actor_id: str) -> dict[str, Any]:
        """Profile of an actor (id or any spelling of its name)."""
        result: dict[str, Any] = self._get(f"/actors/{actor_id}")
        return result

    def timeline(self, actor: str, period: str = "month", **filters: Any) -> pd.DataFrame:
        body = self._get(f"/actors/{actor}/timeline", period=period, **filters)
        return pd.DataFrame(body["buckets"], columns=["period", "relation", "direction", "statements"])

    # -- networks -----------------------------------------------------------------------
    def network(self, actor: str, depth: int = 1, **filters: Any) -> nx.MultiDiGraph:
        """Ego network of an actor (depth 1 or 2) as a MultiDiGraph."""
        g = elements_to_graph(self._get(f"/actors/{actor}/network", depth=depth, **filters))
        return g

    def graph(self, **filters: Any) -> nx.MultiDiGraph:
        """Actor network for any statement filter as a MultiDiGraph (edge key = relation)."""
        return elements_to_graph(self._get("/graph", **filters))

    def paths(self, source: str, target: str, **params: Any) -> dict[str, Any]:
        result: dict[str, Any] = self._get("/paths", **{"from": source, "to": target, **params})
        return result

    def centrality(self, **filters: Any) -> pd.DataFrame:
        return pd.DataFrame(self._get("/analytics/centrality", **filters)["items"])

    def communities(self, method: str = "louvain", **filters: Any) -> list[list[str]]:
        result: list[list[str]] = self._get("/analytics/communities", method=method, **filters)["communities"]
        return result

    def blocs(self, **filters: Any) -> dict[str, Any]:
        result: dict[str, Any] = self._get("/analytics/blocs", **filters)
        return result

    # -- stances ------------------------------------------------------------------------
    def stances(self, target: str, **filters: Any) -> pd.DataFrame:
        """One row per piece of evidence about ``target``: the actor, its overall stance, the
        statement. The server shows each actor's latest 20 pieces unless ``evidence=N`` (up to
        1,000) asks for more; the stance covers all of them."""
        body = self._get("/stances", target=target, **filters)
        rows = []
        for group in ("support", "oppose", "conditional", "neutral"):
            for entry in body[group]:
                for st in entry["statements"]:
                    rows.append(
                        {
                            "actor": entry["actor"]["name"],
                            "actor_id": entry["actor"]["id"],
                            "stance": entry["stance"],
                            "statement_stance": st["stance"],
                            "relation": st["relation"],
                            "date": pd.Timestamp(st["date"]),
                            "content": st["content"],
                            "conditions": "; ".join(st.get("conditions") or []),
                            "quote": st["quote"],
                            "outlet": (st.get("article") or {}).get("outlet"),
                            "statement_id": st["id"],
                        }
                    )
        columns = ["actor", "actor_id", "stance", "statement_stance", "relation", "date", "content", "conditions", "quote", "outlet",
                   "statement_id"]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def contradictions(self, actor: str, **filters: Any) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._get("/contradictions", actor=actor, **filters)["contradictions"]
        return result

    # -- articles -----------------------------------------------------------------------
    def articles(self, limit: int = 50) -> pd.DataFrame:
        return pd.DataFrame(self._get("/articles", limit=limit)["items"])

    def article(self, article_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self._get(f"/articles/{article_id}")
        return result

    def ingest(self, path_or_text: str | Path, *, name: str | None = None) -> list[dict[str, Any]]:
        """Ingest a file (text, HTML, JSON/JSONL, feed) or a text string; returns ingest results."""
        content_type = "text/plain; charset=utf-8"
        path = Path(path_or_text) if isinstance(path_or_text, Path) else None
        if path is None and isinstance(path_or_text, str) and "\n" not in path_or_text and len(path_or_text) < 1024:
            candidate = Path(path_or_text)
            try:
                path = candidate if candidate.is_file() else None
            except OSError:
                path = None
        if path is not None:
            data = path.read_bytes()
            name = name or path.name
            guessed = _UPLOAD_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
            if guessed and guessed != "text/plain":
                content_type = guessed
        else:
            data = str(path_or_text).encode("utf-8")
        response = self._request(
            "POST", "/articles", params={"name": name} if name else None, content=data,
            headers={"content-type": content_type},
        )  # fmt: skip
        results: list[dict[str, Any]] = response.json()["results"]
        return results

    def delete_article(self, article_id: str) -> None:
        self._request("DELETE", f"/articles/{article_id}")

    # -- misc ---------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        result: dict[str, Any] = self._get("/health")
        return result

    def export(self, format: str = "graphml", **filters: Any) -> bytes:
        return self._request("GET", "/export", params=_params({"format": format, **filters})).content

    def cypher(self, query: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        body = self._request("POST", "/cypher", json={"query": query, "params": params or {}}).json()
        return pd.DataFrame(body["rows"])
