"""``GET/POST /articles``, ``GET/DELETE /articles/{id}``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.problems import problem_responses
from api.security import WRITE_RESPONSES, WriteAccess
from api.uploads import Upload, read_upload
from graph import service
from graph.errors import NotFoundError
from graph.model import Article, ArticleRevision, ArticleSummary, IngestResult, StatementQuery
from graph.store import GraphStore, decode_offset, encode_offset

router = APIRouter(prefix="/articles", tags=["articles"])

ArticleId = Annotated[
    str,
    Path(max_length=200, description="Article id ('url:…' or 'sha:…').",
         openapi_examples={"id": {"summary": "An article id", "value": "url:0123456789abcdef0123"}}),
]  # fmt: skip


class ArticleList(BaseModel):
    items: list[ArticleSummary]
    next_cursor: str | None


class SpanMark(BaseModel):
    """A highlighted part of the article text."""

    statement_id: str
    kind: Literal["content", "speaker", "cue", "sentence", "target"]
    start: int
    end: int
    text: str


class ArticleDetail(BaseModel):
    article: Article
    statements: list[service.StatementView]
    spans: list[SpanMark]


class IngestResponse(BaseModel):
    results: list[IngestResult]


@router.get(
    "",
    summary="Articles, newest published first",
    responses={200: {"content": {"application/json": {"example": {"items": [
        {"id": "url:0123456789abcdef0123", "url": "https://parstoday.ir/id/news/…", "outlet": "Pars Today",
         "title": "Aliyev: Kami Tidak Akan Mengirim Pasukan …", "language": "id",
         "published_at": "2026-01-06T05:24:00Z", "statements": 4}], "next_cursor": None}}}}},
)  # fmt: skip
def list_articles(
    request: Request,
    response: Response,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> ArticleList:
    offset = decode_offset(cursor)
    items = store.list_articles(limit=limit + 1, offset=offset)
    nxt = encode_offset(offset + limit) if len(items) > limit else None
    if nxt:
        response.headers["Link"] = f'<{request.url.include_query_params(cursor=nxt)}>; rel="next"'
    return ArticleList(items=items[:limit], next_cursor=nxt)


@router.get("/{article_id}", summary="An article's text with its statements and their character spans")
def get_article(article_id: ArticleId, store: StoreDep) -> ArticleDetail:
    article = store.get_article(article_id)
    if article is None:
        raise NotFoundError(f"no article {article_id!r}")
    statements = service.all_statements(store, StatementQuery(article_id=article.id, sort="date"))
    statements.sort(key=lambda s: (s.content_span.start if s.content_span else 0, s.id))
    spans: list[SpanMark] = []
    for st in statements:
        for kind, span in (
            ("sentence", st.sentence_span),
            ("speaker", st.speaker_span),
            ("cue", st.cue_span),
            ("content", st.content_span),
            *(("target", t.span) for t in st.targets),
        ):
            if span is not None:
                spans.append(SpanMark(statement_id=st.id, kind=kind, start=span.start, end=span.end, text=span.text))  # type: ignore[arg-type]
    return ArticleDetail(article=article, statements=service.statement_views(store, statements), spans=spans)


class ArticleRevisions(BaseModel):
    """Every kept version of an article: the current one first, then superseded ones, most recent first."""

    article_id: str
    revisions: list[ArticleRevision]


@router.get(
    "/{article_id}/revisions",
    summary="Every kept version of an article with its statements: the current one and the superseded ones",
)
def get_article_revisions(article_id: ArticleId, store: StoreDep) -> ArticleRevisions:
    """A re-posted article whose text changed keeps the version it replaced; an older revision
    (earlier ``modified_at``) than the stored one never replaces it and is kept here instead.
    Statement queries answer from the current version only."""
    revisions = store.article_revisions(article_id)
    if not revisions:
        raise NotFoundError(f"no article {article_id!r}")
    return ArticleRevisions(article_id=article_id, revisions=revisions)


@router.post(
    "",
    status_code=201,
    summary="Ingest one article or a batch: plain text, HTML, a JSON object, JSON Lines or a feed in the body",
    responses={**WRITE_RESPONSES, **problem_responses(413, 415)},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/plain": {"schema": {"type": "string"},
                               "example": "Title\nhttps://example.org/a\n\nPresident X said …"},
                "text/html": {"schema": {"type": "string"},
                              "example": "<html><head><title>…</title></head><body><p>…</p></body></html>"},
                "application/json": {"schema": {"type": "object"},
                                     "example": {"url": "https://example.org/a", "title": "…", "text": "…"}},
                "application/x-ndjson": {"schema": {"type": "string"},
                                         "example": '{"title": "…", "text": "…"}\n{"title": "…", "text": "…"}'},
                "application/rss+xml": {"schema": {"type": "string"}},
                "application/atom+xml": {"schema": {"type": "string"}},
            },
        }
    },
)  # fmt: skip
async def post_articles(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    access: WriteAccess,
    name: Annotated[
        str | None, Query(max_length=200, description="File name of the upload (its extension picks the parser).")
    ] = None,
) -> IngestResponse:
    """Content types: text/plain, text/html, application/json (one object), application/x-ndjson,
    RSS/Atom; others get 415. Extraction and the store writes run off the event loop."""
    upload = await read_upload(request, limit=settings.max_article_bytes, name=name)
    results = await run_in_threadpool(_ingest_upload, store, upload)
    return IngestResponse(results=results)


def _ingest_upload(store: GraphStore, upload: Upload) -> list[IngestResult]:
    from loaders.intake import load_bytes
    from loaders.pipeline import ingest_articles

    articles = load_bytes(upload.data, name=upload.name, content_type=upload.content_type)
    return ingest_articles(store, articles)


@router.delete(
    "/{article_id}",
    status_code=204,
    summary="Delete an article and its statements (actors stay)",
    responses=WRITE_RESPONSES,
)
def delete_article(article_id: ArticleId, store: StoreDep, access: WriteAccess) -> Response:
    if not store.delete_article(article_id):
        raise NotFoundError(f"no article {article_id!r}")
    return Response(status_code=204)
