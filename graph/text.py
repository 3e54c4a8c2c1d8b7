"""The one text normaliser: how names and phrases are compared, everywhere.

The model's ids and :func:`fold`, the gazetteer's name matching and the extractor's phrase
matching all fold text through :func:`fold_char`, so a spelling that matches in one place
matches in all of them. Folding, character by character:

- Unicode compatibility forms are unified (NFKD: ligatures "ﬁ", full-width letters, Arabic
  presentation forms) and combining marks are dropped: Latin diacritics ("Erdoğan" =
  "Erdogan"), Arabic harakat and the hamza written on a seat (أ إ آ → ا, ؤ → و, ئ → ي),
  Russian "ё" → "е"; the letters whose mark makes another letter keep it (Russian "й");
- case is folded (``str.casefold``: "Straße" → "strasse", dotless and dotted Turkish i → "i");
- Arabic and Persian letter variants meet: ى and ی → ي, ک → ك, ة → ه, ٱ → ا; the tatweel
  (kashida) and invisible format characters (zero-width joiners, soft hyphens, direction
  marks) disappear;
- anything that is not a word character becomes a space.

Examples
--------
>>> fold("  Erdoğan's  TÜRKİYE ")
'erdogan s turkiye'
>>> fold("أحمد") == fold("احمد"), fold("مُحَمَّد") == fold("محمد"), fold("ـمدرسة") == fold("مدرسه")
(True, True, True)
>>> fold("Ёлка"), fold("Йемен") != fold("Иемен")
('елка', True)
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = {
    "ı": "i",  # dotless i: casefold keeps it apart from "i"
    "ى": "ي",  # alef maqsura
    "ی": "ي",  # Persian yeh
    "ک": "ك",  # Persian keheh
    "ة": "ه",  # ta marbuta
    "ٱ": "ا",  # alef wasla
    "ـ": "",  # tatweel
    "й": "й",  # Russian short i: a letter of its own, not и with a mark
    "Й": "й",
}
_NONWORD = re.compile(r"\W")

MARKS = "\u00ad\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d\u2060"
"""Combining marks (Latin, Cyrillic, Hebrew, Arabic), joiners and soft hyphens that belong inside a word."""
TOKEN = re.compile(rf"[\w{MARKS}]+")
"""A word of the original text, its combining marks included ("مُحَمَّد" is one word)."""


def fold_char(c: str) -> str:
    """Fold one character (see the module docstring); the result may be empty or longer.

    Examples
    --------
    >>> fold_char("É"), fold_char("ß"), fold_char("ﬁ"), fold_char("-"), fold_char("\\u200c")
    ('e', 'ss', 'fi', ' ', '')
    """
    if c in _LETTERS:
        return _LETTERS[c]
    if unicodedata.category(c) == "Cf":
        return ""
    out = "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch))
    out = "".join(_LETTERS.get(ch, ch) for ch in unicodedata.normalize("NFC", out).casefold())
    return _NONWORD.sub(" ", out)


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each character, filled lazily."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


FOLD_TABLE = _FoldTable()
"""``text.translate(FOLD_TABLE)`` folds a whole text, character by character."""


def fold(text: str) -> str:
    """Folded text with single spaces between words and none at either end.

    Examples
    --------
    >>> fold("Sharm El-Sheikh")
    'sharm el sheikh'
    """
    return " ".join(text.translate(FOLD_TABLE).split())


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text`` and map each folded character back to its original index.

    The map is ``None`` when folding kept every character in place (the common case).

    Examples
    --------
    >>> fold_with_offsets("Erdoğan")
    ('erdogan', None)
    >>> fold_with_offsets("Straße")
    ('strasse', [0, 1, 2, 3, 4, 4, 5])
    """
    folded = text.translate(FOLD_TABLE)
    odd = "".join(c for c in set(text) if len(FOLD_TABLE[ord(c)]) != 1)
    if not odd:
        return folded, None
    src: list[int] = []
    done = 0  # original index up to which src is filled
    for m in re.finditer(f"[{re.escape(odd)}]", text):
        i = m.start()
        src.extend(range(done, i))
        src.extend([i] * len(FOLD_TABLE[ord(text[i])]))
        done = i + 1
    src.extend(range(done, len(text)))
    return folded, src


def variants(c: str) -> str:
    """Characters that fold like ``c`` among its script's letter variants (for regex classes).

    Only orthographic variants that writers interchange freely are listed: Arabic alef, yeh,
    heh/ta marbuta, kaf forms and Russian е/ё. Accented Latin letters are not (see
    :func:`loaders.extract.lang.phrase_regex` for how accents are matched).

    Examples
    --------
    >>> sorted(variants("ي")) == sorted("يىیئ")
    True
    >>> variants("a")
    'a'
    """
    for group in _VARIANT_GROUPS:
        if c in group:
            return group
    return c


_VARIANT_GROUPS = tuple(
    "".join(group)
    for group in (
        ("ا", "أ", "إ", "آ", "ٱ"),  # alef with and without hamza or madda, alef wasla
        ("ي", "ى", "ی", "ئ"),  # yeh, alef maqsura, Persian yeh, yeh with hamza
        ("ه", "ة"),  # heh, ta marbuta
        ("ك", "ک"),  # kaf, Persian keheh
        ("و", "ؤ"),  # waw, waw with hamza
        ("е", "ё"),
        ("Е", "Ё"),
    )
)
