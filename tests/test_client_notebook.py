"""The notebook client and notebooks/analyst.ipynb against a live API server (uvicorn subprocess)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import nbformat
import networkx as nx
import pandas as pd
import pytest
from nbclient import NotebookClient
from support.corpus import corpus
from support.live import SEED, live_server

from api.client import Client
from graph.errors import InputError, NotFoundError, QueryError, UnsupportedCapability

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "analyst.ipynb"
CORPUS_STATEMENTS = sum(len(b.statements) for b in corpus())


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(tmp_path_factory.mktemp("live")) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[Client]:
    with Client(base_url, timeout=30) as c:
        yield c


def test_statements_dataframe_follows_every_cursor_page(client: Client) -> None:
    total = client.health()["counts"]["statements"]
    assert total >= CORPUS_STATEMENTS  # corpus plus whatever extraction found in the seed
    df = client.statements(page_size=3)
    assert isinstance(df, pd.DataFrame)
    assert len(df) == total and df["id"].is_unique
    aze = client.statements(speaker="Azerbaïdjan", relation="declines", from_="2026-01-01", page_size=1)
    assert set(aze["on_behalf_of"]) == {"Azerbaijan"}
    assert (aze["date"] >= pd.Timestamp("2026-01-01")).all()
    assert "Gaza International Stabilization Force" in set(aze["targets"])


def test_claims_dataframe(client: Client) -> None:
    total = client.health()["counts"]["claims"]
    df = client.claims(page_size=2)
    assert isinstance(df, pd.DataFrame)
    assert len(df) == total and df["id"].is_unique
    assert (df["num_sources"] >= 1).all() and (df["num_reports"] >= df["num_articles"]).all()
    assert all(isinstance(code, str) for code in df["cameo"])
    assert df["num_reports"].sum() == client.health()["counts"]["statements"]
    aze = client.claims(speaker="Aliyev", relation="declines")
    assert set(aze["on_behalf_of"]) == {"Azerbaijan"}
    detail = client.claim(aze.iloc[0]["id"])
    assert len(detail["reports"]) == detail["num_reports"]
    assert client.claims(min_sources=10_000).empty


def test_actors_actor_and_errors(client: Client) -> None:
    assert client.actors("turki").iloc[0]["id"] == "turkey"
    assert client.actor("Erdoğan")["actor"]["id"] == "recep-tayyip-erdogan"
    with pytest.raises(NotFoundError) as err:
        client.actor("Aliyef")
    assert "ilham-aliyev" in [s["id"] for s in err.value.suggestions]  # type: ignore[attr-defined]
    with pytest.raises(QueryError, match="from"):
        client.statements(from_="not a date")
    with pytest.raises(UnsupportedCapability, match="sqlite"):
        client.cypher("MATCH (n) RETURN n LIMIT 1")


def test_network_and_graph_are_networkx(client: Client) -> None:
    ego = client.network("Aliyev", depth=1)
    assert isinstance(ego, nx.MultiDiGraph)
    assert ego.has_edge("azerbaijan", "gaza-international-stabilization-force", key="declines")
    assert ego.nodes["ilham-aliyev"]["label"] == "Ilham Aliyev"
    g = client.graph(language="en")
    assert set(g.nodes) == {
        "indonesia",
        "gaza-international-stabilization-force",
        "israel",
        "turkey",
        "donald-trump",
        "united-states",
        "egypt",
    }


def test_stances_dataframe(client: Client) -> None:
    df = client.stances("ISF", to="2026-01-31")
    stance = dict(zip(df["actor_id"], df["stance"], strict=False))
    assert stance["azerbaijan"] == "oppose" and stance["indonesia"] == "support"
    assert set(df.columns) >= {"actor", "stance", "relation", "content", "date"}


def test_ingest_text_and_bad_input(client: Client, tmp_path: Path) -> None:
    text = (
        "Egypt welcomes talks\nhttps://example.org/en/egypt-welcomes\n\n"
        "Cairo, 4 March 2026 - Egypt's foreign minister said Egypt supports the ceasefire talks."
    )
    results = client.ingest(text)
    assert len(results) == 1 and results[0]["created"] is True
    assert client.article(results[0]["article_id"])["article"]["text"].strip()
    again = client.ingest(SEED)
    assert again[0]["created"] is False  # the live store was filled with the seed already
    bad = tmp_path / "blob.bin"
    bad.write_bytes(b"\x00\x01\x02" * 50)
    with pytest.raises(InputError):
        client.ingest(bad)
    client.delete_article(results[0]["article_id"])
    with pytest.raises(NotFoundError):
        client.article(results[0]["article_id"])


def test_analyst_notebook_runs_top_to_bottom(base_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPLOGRAPH_URL", base_url)
    nb = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = "\n".join(
        str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )
    assert "error" not in {out.get("output_type") for c in nb.cells if c.cell_type == "code" for out in c.outputs}
    assert f"sqlite store at {base_url}" in outputs
    assert "gaza-international-stabilization-force - Gaza International Stabilization Force" in outputs
    assert "conditional" in outputs and "Pakistan" in outputs
    assert "Gaza International Stabilization Force: 2026-01-06 declines -> 2026-02-20 supports" in outputs
    assert "suggestions: ['Ilham Aliyev'" in outputs
    # pictures, not only tables: statements per month by stance, the network, who supports whom
    images = [out for c in nb.cells if c.cell_type == "code" for out in c.outputs if "image/png" in out.get("data", {})]
    assert len(images) >= 3
    assert all(len(img["data"]["image/png"]) > 5_000 for img in images)
    assert "Azerbaijan -> Gaza force:" in outputs
