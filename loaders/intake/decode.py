"""Bytes → text for intake: size cap, binary detection, BOMs, UTF-8, then charset detection.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; else strict UTF-8; else a
charset declared in an HTML/XML head; else ``charset-normalizer``. Among the encodings it
rates equally well, a Windows-1252-compatible one is preferred (the usual legacy encoding
of French, Spanish, Indonesian and English news text, where detectors often tie with
cp1250). NUL bytes outside UTF-16/32 mean binary data.

Examples
--------
>>> decode_text("café".encode("cp1252"), source="a.txt")
'café'
>>> decode_text(b"\\xef\\xbb\\xbfhello", source="a.txt")
'hello'
"""

from __future__ import annotations

import codecs
import re

from graph.errors import InputError
from graph.settings import get_settings

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_DECLARED_RE = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CP1252_FAMILY = {"cp1252", "windows-1252", "latin_1", "iso8859_1", "iso8859_15", "ascii"}


def check_size(size: int, *, source: str, where: str = "") -> None:
    """Reject inputs above ``Settings.max_article_bytes`` (``where`` prefixes the message)."""
    limit = get_settings().max_article_bytes
    if size > limit:
        raise InputError(
            f"{where}too large: {size:,} bytes is above the limit of {limit:,} bytes (DIPLOGRAPH_MAX_ARTICLE_BYTES)",
            source=source,
        )


def _declared(data: bytes) -> str | None:
    match = _DECLARED_RE.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _detect(data: bytes) -> str | None:
    import charset_normalizer

    results = list(charset_normalizer.from_bytes(data))
    if not results:
        return None
    best = results[0]
    for result in results:
        if result.chaos > best.chaos + 0.01 or result.coherence < best.coherence - 0.02:
            continue
        if any(codecs.lookup(c).name in _CP1252_FAMILY for c in result.could_be_from_charset):
            return "cp1252" if "cp1252" in result.could_be_from_charset else str(result.encoding)
    return str(best.encoding)


def decode_text(data: bytes, *, source: str, declared: str | None = None) -> str:
    """Decode ``data`` to text or raise :class:`InputError` naming ``source``.

    ``declared`` is an encoding named outside the bytes (an HTTP ``charset``); it is tried
    after a BOM and before detection. Line endings become ``\\n``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding} text: {exc.reason}", source=source) from exc
    if b"\x00" in data:
        raise InputError("binary data (NUL bytes), not a text article", source=source)
    try:
        return _normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for candidate in (declared, _declared(data), _detect(data)):
        if not candidate:
            continue
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_textual(text):
            return _normalise(text)
    raise InputError("cannot decode: not UTF-8 and no text encoding detected (binary file?)", source=source)


def _looks_textual(text: str) -> bool:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f") + sum(
        1 for c in text if 0x7F <= ord(c) < 0xA0
    )
    return controls <= max(2, len(text) // 200)


def _normalise(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
