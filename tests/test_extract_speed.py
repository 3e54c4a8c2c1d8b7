"""Shortcuts that make extraction faster must give what the long way gives (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.extract.lang import available_languages, load_lang

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "fixtures" / "extraction"


@pytest.mark.parametrize("code", available_languages())
def test_any_topic_matches_where_some_topic_does(code: str) -> None:
    # relations.refine scans once with any_topic() and looks per topic only from its first match:
    # that is exact only if any_topic matches at a position exactly when some topic pattern does
    lang = load_lang(code)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))]
    texts += [" ".join(p for phrases in lang.topics.values() for p in phrases)]
    union = lang.any_topic()
    patterns = [p for t in lang.topics if (p := lang.pattern(f"topic:{t}")) is not None]
    assert (union is None) == (not patterns)
    if union is None:
        return
    found = 0
    for text in texts:
        for pos in range(len(text)):
            some = any(p.match(text, pos) for p in patterns)
            assert (union.match(text, pos) is not None) == some, (code, text[pos : pos + 40])
            found += some
    assert found > 0
