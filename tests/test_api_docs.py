"""/docs: every endpoint is documented with an example; the OpenAPI schema builds without a store."""

from __future__ import annotations

import json
from typing import Any

from support.api import local_client

from api.app import create_app

SPINE = {("get", "/statements"), ("get", "/actors"), ("get", "/actors/{actor_id}"), ("get", "/health")}


def _has_example(op: dict[str, Any], schemas: dict[str, Any]) -> bool:
    text = json.dumps(op)
    if '"example"' in text or '"examples"' in text:
        return True
    for ref in (r.split("/")[-1] for r in _refs(op.get("requestBody", {}))):
        if "examples" in json.dumps(schemas.get(ref, {})):
            return True
    return False


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        out = [node["$ref"]] if "$ref" in node else []
        for v in node.values():
            out.extend(_refs(v))
        return out
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def test_every_endpoint_has_an_example() -> None:
    app = create_app()  # the schema needs no store: nothing is opened without the lifespan
    spec = app.openapi()
    schemas = spec["components"]["schemas"]
    ops = {(m, p): op for p, item in spec["paths"].items() for m, op in item.items()}
    assert set(ops) >= SPINE
    missing = sorted(f"{m.upper()} {p}" for (m, p), op in ops.items() if not _has_example(op, schemas))
    assert missing == []
    expected = {
        "/statements", "/statements/{statement_id}", "/actors", "/actors/{actor_id}", "/actors/{actor_id}/network",
        "/actors/{actor_id}/timeline", "/graph", "/paths", "/stances", "/contradictions", "/analytics/centrality",
        "/analytics/communities", "/analytics/blocs", "/articles", "/articles/{article_id}", "/export", "/cypher",
        "/health", "/relations", "/network",
    }  # fmt: skip
    assert expected <= set(spec["paths"])


def test_docs_page_is_served() -> None:
    with local_client(create_app(store=_NoStore())) as c:  # type: ignore[arg-type]
        r = c.get("/docs")
        assert r.status_code == 200 and "swagger" in r.text.lower()
        assert c.get("/openapi.json").json()["info"]["title"] == "diplograph"


class _NoStore:
    """/docs never touches the store; any call would fail loudly."""

    kind = "none"
