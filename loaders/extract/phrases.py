"""Fast whole-word phrase matching over a tokenised text (a trie of folded words).

Regex alternations over hundreds of phrases cost time per character; this matcher costs
time per word: the text is tokenised once, each token folded once (case, accents), and
phrases are walked in a trie. Tokens of a phrase must be separated only by spaces,
apostrophes or hyphens ("a-t-il déclaré", "n’enverra pas").
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Any

from graph.text import TOKEN, fold

_JOINERS = frozenset(" \t\u00a0'’-‐‑")
_END = ""


_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 200_000


def fold_token(token: str) -> str:
    """Folded form of one word token (cached for the process; the cache is bounded).

    Examples
    --------
    >>> fold_token("Déclaré")
    'declare'
    """
    found = _FOLDED.get(token)
    if found is None:
        if len(_FOLDED) >= _FOLDED_MAX:
            _FOLDED.clear()
        found = _FOLDED[token] = fold(token)
    return found


class Tokens:
    """Word tokens of a text with their offsets and folded forms."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = array("q")  # compact: a 5 MB text has about a million tokens
        self.ends = array("q")
        self.folded: list[str] = []
        add_start, add_end, add_folded, known = self.starts.append, self.ends.append, self.folded.append, _FOLDED.get
        for m in TOKEN.finditer(text):
            word = m.group()
            add_start(m.start())
            add_end(m.end())
            add_folded(known(word) or fold_token(word))

    def index_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self.starts, pos)


class PhraseMatcher:
    """Finds phrases (whole words, folded) and returns the value attached to each phrase."""

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        self.trie: dict[str, Any] = {}
        for phrase, value in phrases:
            words = fold(phrase).split()
            if not words:
                continue
            node: dict[str, Any] = self.trie
            for w in words:
                node = node.setdefault(w, {})
            node.setdefault(_END, value)

    def __bool__(self) -> bool:
        return bool(self.trie)

    def find(self, tokens: Tokens, start: int, end: int) -> list[tuple[int, int, str]]:
        """Longest phrase at each token within ``[start, end)``, non-overlapping, in order.

        Examples
        --------
        >>> m = PhraseMatcher([("will not send", "declines"), ("send", "commits")])
        >>> t = Tokens("We will not  send troops; we send aid.")
        >>> [(t.text[a:b], v) for a, b, v in m.find(t, 0, len(t.text))]
        [('will not  send', 'declines'), ('send', 'commits')]
        """
        out: list[tuple[int, int, str]] = []
        text = tokens.text
        starts, ends, folded = tokens.starts, tokens.ends, tokens.folded
        trie = self.trie
        first = tokens.index_at(start)
        last = bisect_right(ends, end)  # tokens first..last-1 end within the range
        free = first  # the next token not inside a phrase already found
        n = len(starts)
        for i in [k for k, w in enumerate(folded[first:last], first) if w in trie]:
            if i < free:
                continue
            node: dict[str, Any] | None = trie[folded[i]]
            best: tuple[int, str] | None = None
            j = i
            while node is not None:
                if _END in node:
                    best = (j, node[_END])
                j += 1
                if j >= n or ends[j] > end:
                    break
                gap = text[ends[j - 1] : starts[j]]
                if not gap or any(c not in _JOINERS for c in gap):
                    break
                node = node.get(folded[j])
            if best is not None:
                out.append((starts[i], ends[best[0]], best[1]))
                free = best[0] + 1
        return out
