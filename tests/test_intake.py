"""Intake (files, folders, bytes, URLs), date parsing/mentions and language id.

Fixtures in tests/fixtures/intake/ are invented articles written for these tests.
URL tests use a local http.server on 127.0.0.1 only.
"""

from __future__ import annotations

import http.server
import json
import logging
import re
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import ClassVar

import pytest

from graph.errors import InputError
from graph.model import Article
from graph.settings import get_settings
from loaders.dates import find_dates_in_sentence, parse_date
from loaders.intake import (
    load_bytes,
    load_bytes_with_warnings,
    load_path,
    load_path_with_warnings,
    load_url,
    load_url_with_warnings,
)
from loaders.langid import detect_language

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "intake"
SEED = ROOT / "seeds" / "parstoday-id-aliyev-gaza-2026-01-06.txt"
SEED_GOLD = ROOT / "tests" / "fixtures" / "extraction" / "id" / "seed-parstoday-aliyev.json"


def one(articles: list[Article]) -> Article:
    assert len(articles) == 1, [a.title for a in articles]
    return articles[0]


# ------------------------------------------------------------------------- seed text format


def test_seed_metadata_exact() -> None:
    article = one(load_path(SEED))
    assert article.title == "Aliyev: Kami Tidak Akan Mengirim Pasukan Penjaga Perdamaian ke Gaza"
    assert article.url == (
        "https://parstoday.ir/id/news/daily_news-i183688-aliyev_kami_tidak_akan_mengirim_pasukan_"
        "penjaga_perdamaian_ke_gaza"
    )
    assert article.outlet == "Pars Today"
    assert article.outlet_id == "pars-today"
    assert article.language == "id"
    assert article.published_at == datetime(2026, 1, 6, 12, 24, tzinfo=timezone(timedelta(hours=7)))
    assert article.published_at is not None
    assert article.published_at.utcoffset() == timedelta(hours=7)  # the +07:00 offset is kept
    assert article.published_at.isoformat() == "2026-01-06T12:24:00+07:00"
    assert article.modified_at == datetime(2026, 1, 6, 5, 26, 38, tzinfo=UTC)
    assert article.source == str(SEED)
    assert article.id == Article.make_id(article.url, article.text)


def test_seed_text_title_first_lead_once_captions_dropped() -> None:
    article = one(load_path(SEED))
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == article.title
    assert paragraphs[1].startswith("Pars Today - Presiden Azerbaijan mengumumkan")
    assert sum(p.startswith("Pars Today - Presiden Azerbaijan") for p in paragraphs) == 1
    assert "•" not in article.text
    assert "Presiden Azerbaijan Ilham Aliyev" not in paragraphs  # the photo caption
    assert "(last modified" not in article.text and "Asia/Jakarta" not in article.text
    assert paragraphs[-1].endswith("anggota NATO”.(sl)")
    assert len(paragraphs) == 10  # title, lead, 8 body paragraphs


def test_seed_text_matches_extraction_gold() -> None:
    """The extraction gold's character offsets index into exactly this text."""
    if not SEED_GOLD.exists():
        pytest.skip("extraction gold not present")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    assert one(load_path(SEED)).text == gold["text"]


def test_bom_and_windows_line_endings_give_same_article(tmp_path: Path) -> None:
    raw = SEED.read_bytes()
    variant = tmp_path / "seed-crlf.txt"
    variant.write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    original, crlf = one(load_path(SEED)), one(load_path(variant))
    assert crlf.text == original.text
    assert crlf.title == original.title  # no BOM left in the title
    assert crlf.published_at == original.published_at
    utf16 = tmp_path / "seed-utf16.txt"
    utf16.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))  # with its BOM, NUL bytes inside
    assert one(load_path(utf16)).text == original.text


def test_english_text_file_with_zone_and_duplicate_lead() -> None:
    article = one(load_path(FIX / "article-en.txt"))
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2026-01-13T09:15:00+01:00"
    assert article.outlet == "Example Wire"
    assert article.outlet_id is None  # not in the outlets table
    assert article.language == "en"
    # the body repeats the lead without the "Example Wire - " prefix: kept once
    assert article.text.count("border talks with Sylvania would resume") == 1
    assert "press conference" not in article.text  # caption


def test_cp1252_french_file_decodes() -> None:
    article = one(load_path(FIX / "cp1252-fr.txt"))
    assert article.title == "Le ministre réclame une trêve « sans délai »"
    assert "l’ouverture de couloirs humanitaires" in article.text
    assert "l’œuvre des organisations" in article.text
    assert "\r" not in article.text
    assert article.language == "fr"
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2026-01-07T18:40:00+01:00"


def test_missing_url_and_date_warns() -> None:
    loaded = load_path_with_warnings(FIX / "no-date.txt")
    article = one(loaded.articles)
    assert article.url is None and article.published_at is None
    assert article.id.startswith("sha:")
    assert any("no publication date" in w and "no-date.txt" in w for w in loaded.warnings)


def test_missing_url_and_lead_lines(tmp_path: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    no_url = tmp_path / "no-url.txt"
    no_url.write_text("\n".join(line for line in lines if not line.startswith("https://")), encoding="utf-8")
    article = one(load_path(no_url))
    assert article.url is None
    assert article.outlet == "Pars Today" and article.outlet_id == "pars-today"  # from the lead prefix
    assert article.published_at is not None and article.published_at.isoformat() == "2026-01-06T12:24:00+07:00"
    bare = tmp_path / "bare.txt"
    bare.write_text(
        "Short Title\nhttps://parstoday.ir/id/x\nJan 06, 2026 12:24 Asia/Jakarta\n\nBody text.\n", encoding="utf-8"
    )
    article = one(load_path(bare))
    assert article.text == "Short Title\n\nBody text."
    assert article.published_at is not None and article.published_at.isoformat() == "2026-01-06T12:24:00+07:00"
    assert article.outlet == "Pars Today"  # from the URL host


def test_missing_date_line_falls_back_to_modified(tmp_path: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "no-date-line.txt"
    path.write_text("\n".join(line for line in lines if "Asia/Jakarta" not in line), encoding="utf-8")
    loaded = load_path_with_warnings(path)
    assert one(loaded.articles).published_at == datetime(2026, 1, 6, 5, 26, 38, tzinfo=UTC)
    assert any("modified" in w for w in loaded.warnings)


def test_warnings_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="diplograph.intake"):
        load_path(FIX / "no-date.txt")
    assert any("no publication date" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("undecodable.txt", bytes(range(128, 256)) * 8, "decode"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("nothing.html", b"", "empty"),
    ],
)
def test_not_an_article_raises_naming_file(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected) as info:
        load_path(path)
    assert name in str(info.value)


def test_empty_fixture_and_bad_date_line_raise() -> None:
    with pytest.raises(InputError, match="empty") as info:
        load_path(FIX / "empty.txt")
    assert "empty.txt" in str(info.value)
    with pytest.raises(InputError, match="not a date") as info:
        load_path(FIX / "bad-date.txt")
    assert "bad-date.txt" in str(info.value) and "line 5" in str(info.value)


def test_unknown_time_zone_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "zone.txt"
    path.write_text("Title\nLead sentence here.\nJan 06, 2026 12:24 Mars/Olympus_Mons\n\nBody.\n", encoding="utf-8")
    with pytest.raises(InputError, match="time zone") as info:
        load_path(path)
    assert "zone.txt" in str(info.value)


def test_file_above_size_limit_is_rejected(tmp_path: Path) -> None:
    assert get_settings().max_article_bytes == 5_000_000
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Title\n\n" + b"word " * (6_000_000 // 5))
    with pytest.raises(InputError, match="too large") as info:
        load_path(path)
    assert "huge.txt" in str(info.value)
    with pytest.raises(InputError, match="too large"):
        load_bytes(path.read_bytes(), name="huge.txt")


def test_missing_path_raises() -> None:
    with pytest.raises(InputError, match="no such file") as info:
        load_path(FIX / "does-not-exist.txt")
    assert "does-not-exist.txt" in str(info.value)


# ------------------------------------------------------------------------------------ HTML


def test_html_page_text_and_metadata() -> None:
    article = one(load_path(FIX / "page.html"))
    assert article.title == "El canciller pide una tregua inmediata"
    assert article.url == "https://diario.example.com/internacional/canciller-tregua"
    assert article.outlet == "Diario Ejemplo"
    assert article.language == "es"
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2026-01-08T17:45:00-03:00"
    assert article.modified_at is not None and article.modified_at.hour == 19
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == article.title and paragraphs.count(article.title) == 1
    assert any(p.startswith("«Estamos dispuestos a recibir") for p in paragraphs)
    assert "Portada" not in article.text and "derechos reservados" not in article.text


def test_broken_html_still_gives_text() -> None:
    article = one(load_path(FIX / "broken.html"))
    assert "Envoy urges calm" in article.title
    assert "show restraint after an incident" in article.text
    assert "joint investigation team should be formed without delay" in article.text
    assert article.language == "en"


def test_html_without_main_text_raises() -> None:
    with pytest.raises(InputError, match="no main text") as info:
        load_path(FIX / "no-text.html")
    assert "no-text.html" in str(info.value)


def test_html_in_declared_legacy_charset(tmp_path: Path) -> None:
    page = (FIX / "page.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1252"')
    path = tmp_path / "legacy.htm"
    path.write_bytes(page.encode("cp1252"))
    article = one(load_path(path))
    assert "ofreció su capital como sede" in article.text
    assert "«Estamos dispuestos" in article.text


def test_html_sniffed_without_extension() -> None:
    article = one(load_bytes((FIX / "page.html").read_bytes(), name="upload"))
    assert article.url == "https://diario.example.com/internacional/canciller-tregua"
    assert article.source == "upload"


# ------------------------------------------------------------------------------- RSS, Atom


def test_rss_feed_entries() -> None:
    articles = load_path(FIX / "feed.rss")
    assert [a.title for a in articles] == [
        "Menlu Contoh Serukan Gencatan Senjata",
        "Parlemen Setujui Perjanjian Dagang",
    ]
    first = articles[0]
    assert first.url == "https://kabar.example.id/berita/menlu-serukan-gencatan-senjata"
    assert first.published_at is not None
    assert first.published_at.isoformat() == "2026-01-07T14:30:00+07:00"
    assert first.outlet == "Kabar Contoh"
    assert first.language == "id"
    assert first.text.split("\n\n") == [
        "Menlu Contoh Serukan Gencatan Senjata",
        "Menteri Luar Negeri Negara Contoh pada hari Rabu menyerukan gencatan senjata segera di wilayah perbatasan.",
        "Ia mengatakan bahwa pemerintahnya siap menjadi penengah dalam perundingan.",
    ]
    assert "<p>" not in first.text
    assert "panjang & alot" in articles[1].text
    assert len({a.id for a in articles}) == 2


def test_atom_feed_entries() -> None:
    articles = load_path(FIX / "feed.atom")
    assert len(articles) == 2
    first, second = articles
    assert first.url == "https://journal.example.fr/monde/ministre-dialogue"
    assert first.published_at is not None and first.published_at.isoformat() == "2026-01-09T10:15:00+01:00"
    assert first.modified_at is not None and first.modified_at.isoformat() == "2026-01-09T11:00:00+01:00"
    assert "la France soutiendrait toute initiative" in first.text
    assert first.outlet == "Le Journal Exemple"
    assert first.language == "fr"
    assert second.published_at is not None and second.published_at.isoformat() == "2026-01-08T18:20:00+01:00"


def test_bozo_feed_used_with_warning() -> None:
    loaded = load_path_with_warnings(FIX / "bozo.rss")
    article = one(loaded.articles)
    assert article.title == "Ambassador recalled over remarks"
    assert article.published_at == datetime(2026, 1, 8, 16, 0, tzinfo=UTC)
    assert any("not well-formed" in w for w in loaded.warnings)


def test_xml_that_is_not_a_feed_raises() -> None:
    with pytest.raises(InputError, match="not a feed") as info:
        load_path(FIX / "not-a-feed.xml")
    assert "not-a-feed.xml" in str(info.value)


def test_feed_without_entries_raises() -> None:
    data = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Empty</title></channel></rss>"
    with pytest.raises(InputError, match="without entries") as info:
        load_bytes(data, name="empty-feed.rss")
    assert "empty-feed.rss" in str(info.value)


# ------------------------------------------------------------------------------ JSON Lines


def test_jsonl_articles() -> None:
    loaded = load_path_with_warnings(FIX / "articles.jsonl")
    first, second = loaded.articles
    assert first.title == "Premier visits neighbour"
    assert first.text.startswith("Premier visits neighbour\n\nThe premier arrived")
    assert first.published_at is not None and first.published_at.isoformat() == "2026-01-09T08:00:00+02:00"
    assert first.outlet == "Example Wire" and first.language == "en"
    assert second.title == "" and second.language == "es"
    assert second.text.startswith("El presidente dijo el lunes")
    assert any("line" not in w and "no publication date" in w for w in loaded.warnings)


def test_jsonl_bad_line_fails_whole_file() -> None:
    with pytest.raises(InputError, match="line 3") as info:
        load_path(FIX / "bad-line.jsonl")
    assert "bad-line.jsonl" in str(info.value)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"title": "no text"}', "text"),
        (b'["a list"]', "object"),
        (b'{"text": "ok", "published": "the day after never"}', "not a date"),
        (b'{"text": 5}', "string"),
    ],
)
def test_jsonl_invalid_records(line: bytes, message: str) -> None:
    data = b'{"text": "A valid first article text."}\n' + line + b"\n"
    with pytest.raises(InputError, match=message) as info:
        load_bytes(data, name="upload.jsonl")
    assert "upload.jsonl" in str(info.value) and "line 2" in str(info.value)


# ---------------------------------------------------------------------------------- folders


def test_folder_recursive_sorted_skips_hidden_and_unknown() -> None:
    loaded = load_path_with_warnings(FIX / "folder")
    sources = [Path(a.source or "").relative_to(FIX / "folder").as_posix() for a in loaded.articles]
    assert sources == ["a-article.txt", "sub/b-page.html", "sub/c-feed.rss", "sub/c-feed.rss"]
    assert not any(".hidden" in s or ".cache" in s for s in sources)
    assert any("notes.md" in w and "skipped" in w for w in loaded.warnings)


def test_folder_with_bad_file_fails_or_skips(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Good Title\n\nA body paragraph that says something.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError) as info:
        load_path(tmp_path)
    assert "b.txt" in str(info.value)
    loaded = load_path_with_warnings(tmp_path, skip_errors=True)
    assert [a.title for a in loaded.articles] == ["Good Title"]
    assert any("b.txt" in w for w in loaded.warnings)


# -------------------------------------------------------------------------------------- URL


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {
        "/page": (200, "text/html; charset=utf-8", (FIX / "page.html").read_bytes()),
        "/feed": (200, "application/rss+xml", (FIX / "feed.rss").read_bytes()),
        "/plain-feed": (200, "text/plain", (FIX / "feed.atom").read_bytes()),
        "/big": (200, "text/html", b"<html><body><p>" + b"x" * 5_100_000 + b"</p></body></html>"),
        "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
    }
    seen_agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_load_url_html(server: str) -> None:
    article = one(load_url(server + "/page"))
    assert article.title == "El canciller pide una tregua inmediata"
    assert article.url == "https://diario.example.com/internacional/canciller-tregua"  # canonical link
    assert article.source == server + "/page"
    assert "diplograph/0.1" in _Handler.seen_agents


def test_load_url_follows_redirects(server: str) -> None:
    assert one(load_url(server + "/moved")).title == "El canciller pide una tregua inmediata"


def test_load_url_rss_and_sniffed_feed(server: str) -> None:
    assert len(load_url(server + "/feed")) == 2
    loaded = load_url_with_warnings(server + "/plain-feed")
    assert [a.language for a in loaded.articles] == ["fr", "fr"]


def test_load_url_404_is_clear(server: str) -> None:
    with pytest.raises(InputError, match="HTTP 404") as info:
        load_url(server + "/missing")
    assert "/missing" in str(info.value)


def test_load_url_size_cap_and_unsupported_type(server: str) -> None:
    with pytest.raises(InputError, match="too large"):
        load_url(server + "/big")
    with pytest.raises(InputError, match="unsupported content type 'image/png'") as info:
        load_url(server + "/image")
    assert "/image" in str(info.value)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/hosts", "not a url"])
def test_load_url_only_http(url: str) -> None:
    with pytest.raises(InputError, match="http"):
        load_url(url)


def test_load_url_connection_refused() -> None:
    import socket

    with socket.socket() as sock:  # a port that nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(InputError, match="fetch failed"):
        load_url(f"http://127.0.0.1:{port}/x")


def test_load_bytes_with_content_type() -> None:
    loaded = load_bytes_with_warnings((FIX / "feed.atom").read_bytes(), name="x", content_type="application/atom+xml")
    assert len(loaded.articles) == 2


# ------------------------------------------------------------------------------------ dates

REF = datetime(2026, 1, 6, 12, 24, tzinfo=timezone(timedelta(hours=7)))  # a Tuesday


def mentions(sentence: str, lang: str | None, ref: date | datetime | None = REF) -> list[tuple[str, str, str]]:
    return [
        (sentence[m.start : m.end], m.date.isoformat(), m.precision)
        for m in find_dates_in_sentence(sentence, lang, ref)
    ]


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        (
            "id",
            "Erdogan juga mengatakan pada hari Senin (05/01/2026) bahwa pasukan itu penting.",
            [("hari Senin (05/01/2026)", "2026-01-05", "day")],
        ),
        ("id", "Erdogan berbicara Senin (05/01/2026) di Ankara.", [("Senin (05/01/2026)", "2026-01-05", "day")]),
        (
            "id",
            "Sebuah sumber mengatakan November lalu bahwa Azerbaijan tidak akan ikut.",
            [("November lalu", "2025-11-01", "month")],
        ),
        (
            "id",
            "Deklarasi Sharm El-Sheikh tanggal 13 Oktober 2025 tentang gencatan senjata.",
            [("tanggal 13 Oktober 2025", "2025-10-13", "day")],
        ),
        ("id", "Presiden berbicara Senin di istana.", [("Senin", "2026-01-05", "day")]),
        ("id", "Menteri itu berbicara pekan lalu.", [("pekan lalu", "2025-12-30", "week")]),
        ("id", "Kami menyiapkan kuesioner dengan lebih dari 20 pertanyaan.", []),
        ("id", "Menlu bertemu dubes pada Senin (5/1) di Jakarta.", [("Senin (5/1)", "2026-01-05", "day")]),
        ("en", "The truce began on 3 March.", [("3 March", "2025-03-03", "day")]),
        ("en", "Talks resumed Jan. 5 in Doha.", [("Jan. 5", "2026-01-05", "day")]),
        ("ru", "Вчера министр встретился с послом.", [("Вчера", "2026-01-05", "day")]),
        (
            "de",
            "Der Minister sagte am Montag, dass am 5. Januar 2026 Gespräche stattfanden.",
            [("am Montag", "2026-01-05", "day"), ("am 5. Januar 2026", "2026-01-05", "day")],
        ),
        ("en", "The minister said on Monday that the talks had failed.", [("Monday", "2026-01-05", "day")]),
        ("en", "He spoke last week about the border.", [("last week", "2025-12-30", "week")]),
        ("en", "They met on Tuesday.", [("Tuesday", "2026-01-06", "day")]),
        ("en", "They met last Tuesday.", [("last Tuesday", "2025-12-30", "day")]),
        ("en", "The accord was signed on January 5, 2026 in Cairo.", [("January 5, 2026", "2026-01-05", "day")]),
        ("en", "Officials may meet again soon.", []),
        ("es", "El ministro dijo el lunes que apoyará el acuerdo.", [("el lunes", "2026-01-05", "day")]),
        ("es", "Lo anunció el pasado 3 de enero en Madrid.", [("el pasado 3 de enero", "2026-01-03", "day")]),
        ("fr", "Le ministre a déclaré lundi que la France soutiendrait l'accord.", [("lundi", "2026-01-05", "day")]),
        ("fr", "Il a parlé le 5 janvier 2026 à Genève.", [("le 5 janvier 2026", "2026-01-05", "day")]),
        ("fr", "Elle l'avait dit en novembre dernier.", [("novembre dernier", "2025-11-01", "month")]),
    ],
)
def test_find_dates_in_sentence(lang: str, sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert mentions(sentence, lang) == expected


def test_find_dates_day_without_year_is_most_recent_past() -> None:
    # 20 December, seen from 6 January 2026, is 20 December 2025
    assert mentions("Dia berbicara pada 20 Desember di Jakarta.", "id") == [("20 Desember", "2025-12-20", "day")]


def test_find_dates_relative_need_article_date() -> None:
    assert mentions("He spoke on Monday, 5 January 2026... and on Monday.", "en", None) == [
        ("Monday, 5 January 2026", "2026-01-05", "day")
    ]


def test_find_dates_spans_index_sentence() -> None:
    sentence = "Presiden Turki mengatakan pada hari Senin (05/01/2026) bahwa tanggal 13 Oktober 2025 penting."
    for m in find_dates_in_sentence(sentence, "id", REF):
        assert 0 <= m.start < m.end <= len(sentence)
        assert sentence[m.start : m.end].strip() == sentence[m.start : m.end]


def test_parse_date() -> None:
    assert parse_date("Jan 06, 2026 12:24", tz="Asia/Jakarta") == datetime(
        2026, 1, 6, 12, 24, tzinfo=timezone(timedelta(hours=7))
    )
    assert parse_date("2026-01-06T05:26:38+00:00") == datetime(2026, 1, 6, 5, 26, 38, tzinfo=UTC)
    assert parse_date("Wed, 07 Jan 2026 14:30:00 +0700") == datetime(2026, 1, 7, 7, 30, tzinfo=UTC)
    assert parse_date("05/01/2026", "id") == datetime(2026, 1, 5, tzinfo=UTC)
    assert parse_date("05/01/2026", "en") == datetime(2026, 5, 1, tzinfo=UTC)
    assert parse_date("25/12/2025", "en") == datetime(2025, 12, 25, tzinfo=UTC)  # unambiguous
    assert parse_date("13 Oktober 2025", "id") == datetime(2025, 10, 13, tzinfo=UTC)
    assert parse_date("kemarin", "id", relative_to=REF) == datetime(2026, 1, 5, 12, 24, tzinfo=REF.tzinfo)
    assert parse_date("Feb 31, 2026 25:61") is None
    assert parse_date("x") is None
    assert parse_date("") is None
    with pytest.raises(ValueError, match="time zone"):
        parse_date("Jan 06, 2026", tz="Nowhere/Special")


# ------------------------------------------------------------------------------ language id


def test_detect_language() -> None:
    assert detect_language(SEED.read_text(encoding="utf-8")) == "id"
    assert detect_language("Le ministre a déclaré que la France soutiendrait l'accord de paix.") == "fr"
    assert detect_language("El ministro dijo que su país apoyará la resolución del Consejo.") == "es"
    assert detect_language("The minister said the country would support the resolution.") == "en"
    # Malay without Indonesian markers stays Malay
    assert detect_language("Perdana Menteri berkata kerajaan akan menghantar bantuan kepada rakyat Palestin.") == "ms"
    assert detect_language("ok") is None
    assert detect_language("   12345 !!! ") is None


@pytest.mark.parametrize("key", ["published_at", "published", "date"])
def test_jsonl_publication_date_keys(key: str) -> None:
    """The keys the API returns (published_at, modified_at) are read back, as are the short ones."""
    record = {
        "text": "The minister said talks resumed.",
        key: "2026-01-06T05:24:00Z",
        "modified_at": "2026-01-07T10:00:00+00:00",
    }
    loaded = load_bytes_with_warnings(json.dumps(record).encode(), name="wire.jsonl")
    [article] = loaded.articles
    assert article.published_at is not None and article.published_at.isoformat() == "2026-01-06T05:24:00+00:00"
    assert article.modified_at is not None and article.modified_at.isoformat() == "2026-01-07T10:00:00+00:00"
    assert not any("unknown keys" in w or "no publication date" in w for w in loaded.warnings)


@pytest.mark.parametrize("key", ["modified_at", "modified"])
def test_jsonl_modification_date_keys(key: str) -> None:
    record = {"text": "The minister said talks resumed.", key: "2026-01-07T10:00:00+00:00"}
    [article] = load_bytes(json.dumps(record).encode(), name="wire.jsonl")
    assert article.modified_at is not None and article.modified_at.isoformat() == "2026-01-07T10:00:00+00:00"


def test_readme_documents_every_jsonl_key() -> None:
    """The README's JSON Lines table names exactly the keys intake reads (dates included)."""
    from loaders.intake.jsonl import FIELDS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("**JSON Lines fields.**", 1)[1].split("\n\n", 2)[1]
    documented = {key for row in table.splitlines()[2:] for key in re.findall(r"`([a-z_]+)`", row.split("|")[1])}
    assert documented == set(FIELDS)


def test_relative_metadata_dates_are_not_taken_from_the_clock() -> None:
    """A date the source does not give stays unknown: no relative date is resolved against today."""
    from loaders.dates import find_dates_in_sentence, parse_date

    assert parse_date("yesterday") is None and parse_date("Monday") is None and parse_date("6 January") is None
    assert parse_date("Jan 06, 2026 12:24", tz="Asia/Jakarta") is not None
    record = {"text": "A body paragraph that says something.", "date": "yesterday"}
    with pytest.raises(InputError, match="not a date"):
        load_bytes(json.dumps(record).encode(), name="wire.jsonl")
    # without an article date only dates that carry their year are found in sentences
    found = find_dates_in_sentence("Il a parlé lundi et le 5 janvier 2026 à Paris.", "fr", None)
    assert [m.date.isoformat() for m in found] == ["2026-01-05"]


@pytest.mark.parametrize("lang", ["id", "en", "es", "fr", "ru", "ar", None])
def test_date_patterns_skipped_without_a_digit_need_one(lang: str | None) -> None:
    # find_dates_in_sentence skips the day/year patterns in a sentence without a digit: none of
    # them may match the language's date words alone (month and weekday names, relative phrases)
    from loaders.dates import _DIGIT_KINDS, _lexicon

    lex = _lexicon(lang)
    words = [*lex.months, *lex.weekdays, *lex.relative, *lex.prefix, *lex.past_before, *lex.past_after]
    words += [*lex.year_before, "de", "del", "of", "/", "-", ".", "(", ")"]
    text = " ".join(f"{a} {b}" for a in words for b in words[:40])
    digit_kinds = [(kind, p) for kind, p in lex.patterns if kind in _DIGIT_KINDS]
    assert {kind for kind, _ in lex.patterns} >= {"iso", "numeric"}
    assert all(p.search(text) is None for _, p in digit_kinds)
