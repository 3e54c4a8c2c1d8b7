"""HTML fragments (feed summaries) → plain paragraphs.

Examples
--------
>>> html_paragraphs("<p>One &amp; <b>two</b></p><p>Three<br>four</p>")
['One & two', 'Three four']
>>> html_paragraphs("plain text")
['plain text']
"""

from __future__ import annotations

import html
import re

_BLOCKS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "pre",
    "figure",
    "header",
    "footer",
    "dd",
    "dt",
}
_DROP = ("script", "style", "noscript", "figcaption", "iframe")


def html_paragraphs(fragment: str) -> list[str]:
    """Paragraphs of visible text in an HTML fragment (captions and scripts dropped)."""
    from lxml import etree
    from lxml import html as lxml_html

    if "<" not in fragment:
        text = html.unescape(fragment)
    else:
        try:
            root = lxml_html.fragment_fromstring(fragment, create_parent="div")
        except (etree.ParserError, ValueError):
            text = html.unescape(re.sub(r"<[^>]*>", " ", fragment))
        else:
            for bad in root.xpath("|".join(f"//{tag}" for tag in _DROP)):
                bad.drop_tree()
            for el in root.iter():
                if not isinstance(el.tag, str):
                    continue
                if el.tag == "br":
                    el.tail = "\n" + (el.tail or "")
                elif el.tag in _BLOCKS:
                    el.text = "\n\n" + (el.text or "")
                    el.tail = "\n\n" + (el.tail or "")
            text = root.text_content()
    parts = re.split(r"\n\s*\n", text)
    return [p for p in (" ".join(part.split()) for part in parts) if p]
