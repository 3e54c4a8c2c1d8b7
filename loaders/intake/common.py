"""Shared intake helpers: warning collection, text assembly, Article construction.

``Article.text`` is what the extractor reads, and statement offsets index into it. Every
format builds it the same way: the title first (so headline statements are found), then
the lead and body paragraphs, joined with blank lines (``"\\n\\n"``). A paragraph equal to
the one before it (a lead repeated as the first body paragraph, a headline repeated as
``<h1>``) is kept once. Whitespace inside a paragraph is collapsed to single spaces.

Examples
--------
>>> assemble_text("Title", ["Title", "Lead.", "Lead.", "Body  text\\nwrapped."])
'Title\\n\\nLead.\\n\\nBody text wrapped.'
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel, Field

from graph.errors import InputError
from graph.model import Article
from loaders.intake.outlets import outlet_for_name, outlet_for_url
from loaders.langid import detect_language

log = logging.getLogger("diplograph.intake")


class Loaded(BaseModel):
    """Articles read from one source, and the warnings found on the way."""

    articles: list[Article] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class Collector:
    """Collects warnings as ``"<source>: <message>"``; :meth:`loaded` logs them on ``diplograph.intake``."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def warn(self, source: str, message: str) -> None:
        self.warnings.append(f"{source}: {message}")

    def loaded(self, articles: list[Article]) -> Loaded:
        """The result of a successful load; its warnings are logged now (not for failed loads)."""
        for text in self.warnings:
            log.warning("%s", text)
        return Loaded(articles=articles, warnings=list(self.warnings))


def clean_paragraph(text: str) -> str:
    return " ".join(text.split())


def assemble_text(title: str, paragraphs: Iterable[str]) -> str:
    """Title, then paragraphs, blank-line separated, consecutive duplicates dropped."""
    out: list[str] = []
    for part in [title, *paragraphs]:
        cleaned = clean_paragraph(part)
        if cleaned and (not out or out[-1] != cleaned):
            out.append(cleaned)
    return "\n\n".join(out)


def normalise_language(code: str | None) -> str | None:
    """``'en-US'`` → ``'en'``; anything that is not a 2-letter code → ``None``.

    >>> normalise_language("id-ID"), normalise_language("fra"), normalise_language(None)
    ('id', None, None)
    """
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if len(primary) == 2 and primary.isalpha() else None


def make_article(
    *,
    title: str,
    paragraphs: Iterable[str],
    source: str,
    collector: Collector,
    url: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    published_at: datetime | None = None,
    modified_at: datetime | None = None,
) -> Article:
    """Build an Article; raise :class:`InputError` when there is no body text at all."""
    paragraphs = [p for p in (clean_paragraph(p) for p in paragraphs) if p]
    title = clean_paragraph(title)
    if not paragraphs and not title:
        raise InputError("no article text found", source=source)
    text = assemble_text(title, paragraphs)
    known = outlet_for_url(url) or outlet_for_name(outlet)
    outlet_name, outlet_id = known if known else (clean_paragraph(outlet or "") or None, None)
    lang = normalise_language(language) or detect_language(text)
    if lang is None:
        collector.warn(source, "language could not be detected")
    if published_at is None:
        collector.warn(source, "no publication date found")
    return Article(
        id=Article.make_id(url, text),
        url=url or None,
        outlet=outlet_name,
        outlet_id=outlet_id,
        title=title,
        language=lang,
        published_at=published_at,
        modified_at=modified_at,
        text=text,
        source=source,
    )
