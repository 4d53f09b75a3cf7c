"""A web page saved from a government site: its main text, tables as TAB-separated rows, its metadata.

trafilatura finds the main text; the smallest element holding what it found is then walked with lxml,
so that paragraphs and line breaks stay as the page shows them, tables stay tables, and every line
keeps the source line it comes from. Chrome left inside that element (字体 大 中 小, 打印 关闭,
visit counts) and the metadata table (索引号, 发布机构, 发布日期 …), wherever it sits on the page, are
taken out of the text by the patterns of ``rules/chrome.yaml``. A page in which trafilatura finds
nothing is read whole, with a note (a warning; an error with ``--strict``).
"""
from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from qgraph.errors import InputError
from qgraph.model import ExtractedText
from qgraph.rules import RuleSet
from qgraph.text.formats.chrome import is_chrome, merged_metadata, metadata_pairs
from qgraph.text.formats.lines import CJK, Lines

_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8", "utf-8": "utf-8-sig"}
SKIP = {"script", "style", "noscript", "template", "head", "select", "option", "button", "input", "textarea",
        "nav", "iframe", "object", "svg"}
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
          "article", "header", "footer", "aside", "center", "blockquote", "pre", "form", "main", "address",
          "tr", "td", "th", "tbody", "thead", "caption", "hr", "figure", "figcaption"}
META_TAGS = {"articletitle": "title", "pubdate": "published", "contentsource": "issuer", "firstpubdate": "published"}
MAIN_SHARE = 0.8
METADATA_ONLY = ("index", "written", "published")   # labels that head no table of a policy (索引号, 成文日期 …)
_SPACE = re.compile(r"[ \t\r\n\f\xa0]+")
_WRAP = re.compile(rf"(?<=[{CJK}])[ \t\r\f\xa0]*\n[ \t\r\n\f\xa0]*(?=[{CJK}])")


def decode_html(data: bytes, where: str) -> tuple[str, str]:
    """The page decoded by its BOM, its meta charset, else UTF-8 then GB18030."""
    declared = _CHARSET.search(data[:4096])
    tried = [_ALIASES.get(declared.group(1).decode().lower(), declared.group(1).decode().lower())] if declared else []
    for encoding in [*tried, "utf-8-sig", "gb18030"]:
        try:
            return data.decode(encoding), ("utf-8" if encoding == "utf-8-sig" else encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError("QG111", "cannot decode the page: neither its declared charset, UTF-8 nor GB18030", path=where)


def read_html(data: bytes, where: str, rule_set: RuleSet | None = None) -> ExtractedText:
    """A saved web page: main text, metadata, source lines."""
    page, encoding = decode_html(data, where)
    page = _XML_DECLARATION.sub("", page)   # lxml takes no encoding declaration in a decoded page
    try:
        root = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError) as exc:
        raise InputError("QG117", f"cannot parse the page: {exc}", path=where) from None
    found = trafilatura.extract(page, output_format="txt", include_tables=True, include_comments=False,
                                favor_recall=True, deduplicate=False) or ""
    body = root.find("body")
    whole = body if body is not None else root
    container = main_container(whole, found)
    notes = []
    metadata = _metadata_rows(root, rule_set) + _meta_tags(root)   # the page as shown wins over its <meta>
    built = _text(container, rule_set) if container is not None else Lines()
    if not built.text.strip():
        built = _text(whole, rule_set)
        notes.append("no main text found in the page (read the whole page)")
    return ExtractedText(built.text, "html", encoding, built.spans, merged_metadata(metadata), tuple(notes))


def _text(container: etree._Element, rule_set: RuleSet | None) -> Lines:
    built = Lines()
    for line, locator in [*_heading_before(container), *walk(container)]:
        if not (_metadata_line(line, rule_set) or is_chrome(line, rule_set)):
            built.add(line, locator)
    return built


def _metadata_line(line: str, rule_set: RuleSet | None) -> bool:
    """A line of the metadata table: labels with colons, or label cells no table of a policy starts with."""
    return bool(metadata_pairs(line, rule_set)) or any(
        key in METADATA_ONLY for key, _ in metadata_pairs(line, rule_set, cells=True))


def main_container(root: etree._Element, found: str) -> etree._Element | None:
    """The smallest element holding most of what trafilatura kept (:data:`MAIN_SHARE` of the characters of its
    lines of six characters or more): a related link it kept does not widen the text to the whole page."""
    samples = [max(line.split("|"), key=len) for line in found.splitlines()]
    samples = [s for s in (_SPACE.sub("", s) for s in samples) if len(s) >= 6]
    texts: dict[etree._Element, str] = {}

    def text_of(element: etree._Element) -> str:
        if element not in texts:
            texts[element] = _SPACE.sub("", element.text_content())
        return texts[element]

    weights: dict[etree._Element, int] = {}
    total = 0
    for sample in samples:
        element = root
        if sample not in text_of(element):
            continue
        while True:
            inner = next((c for c in element if isinstance(c.tag, str) and sample in text_of(c)), None)
            if inner is None:
                break
            element = inner
        total += len(sample)
        for holder in [element, *element.iterancestors()]:
            weights[holder] = weights.get(holder, 0) + len(sample)
    held = [e for e, weight in weights.items() if weight >= MAIN_SHARE * total]
    return max(held, key=lambda e: len(list(e.iterancestors())), default=None)


def _heading_before(container: etree._Element) -> list[tuple[str, int]]:
    """The page's heading (h1–h3) standing before the main text outside it, within three levels up."""
    ancestor = container
    for _ in range(3):
        ancestor = ancestor.getparent()
        if ancestor is None:
            return []
        for heading in ancestor.iter("h1", "h2", "h3"):
            inside = heading is container or container in set(heading.iterancestors())
            if inside or heading in set(container.iterancestors()):
                continue
            if _before(heading, container) and (line := _line(heading.text_content())):
                return [(line, heading.sourceline or 1)]
    return []


def _before(first: etree._Element, second: etree._Element) -> bool:
    for element in first.getroottree().iter():
        if element is first:
            return True
        if element is second:
            return False
    return False


def walk(container: etree._Element) -> list[tuple[str, int]]:
    """The lines of an element as a browser shows them, each with its source line; a data table's
    rows as TAB-separated cells."""
    lines: list[tuple[str, int]] = []
    pieces: list[str] = []
    where = [container.sourceline or 1]

    def flush() -> None:
        line = _line("".join(pieces))
        if line:
            lines.append((line, where[0]))
        pieces.clear()

    def visit(element: etree._Element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in SKIP or _hidden(element):
            return
        if tag == "table" and _data_table(element):
            flush()
            for row in _rows(element):
                cells = [_line(_text_with_breaks(cell)) for cell in row]
                if any(cells):
                    lines.append(("\t".join(cells), row[0].sourceline or where[0]))
            return
        if tag in BLOCKS or tag == "br":
            flush()
        if tag and not pieces:
            where[0] = element.sourceline or where[0]
        if tag and element.text:
            pieces.append(element.text)
        for child in element:
            visit(child)
            if child.tail:
                if not pieces:
                    where[0] = child.sourceline or where[0]
                pieces.append(child.tail)
        if tag in BLOCKS:
            flush()

    visit(container)
    flush()
    return lines


def _line(raw: str) -> str:
    return _SPACE.sub(" ", _WRAP.sub("", raw)).strip(" \u3000")


def _text_with_breaks(cell: etree._Element) -> str:
    return " ".join(line for line, _ in walk(cell))


def _hidden(element: etree._Element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or element.get("hidden") is not None


def _rows(table: etree._Element) -> list[list[etree._Element]]:
    """The cells of each row of a table (not of the tables inside it); a row without cells is left out."""
    rows: list[list[etree._Element]] = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            cells = [c for c in child if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            rows += [cells] if cells else []
        elif tag in ("tbody", "thead", "tfoot"):
            rows += _rows(child)
    return rows


def _data_table(table: etree._Element) -> bool:
    """A table of data (several columns, no table inside), not one laying out the page."""
    rows = _rows(table)
    return bool(rows) and max(len(r) for r in rows) > 1 and not table.xpath(".//table")


def _meta_tags(root: etree._Element) -> list[tuple[str, str]]:
    found = []
    for meta in root.iter("meta"):
        key = META_TAGS.get((meta.get("name") or "").lower())
        content = (meta.get("content") or "").strip()
        if key and content:
            found += metadata_pairs(f"{_LABELS[key]}：{content}") or []
    return found


_LABELS = {"title": "标题", "published": "发布日期", "issuer": "发布机构"}


def _metadata_rows(root: etree._Element, rule_set: RuleSet | None) -> list[tuple[str, str]]:
    body = root.find("body")
    found: list[tuple[str, str]] = []
    for line, _ in walk(body if body is not None else root):
        found += metadata_pairs(line, rule_set)
    for table in root.iter("table"):   # a metadata table laid out over several columns
        for row in _rows(table):
            found += metadata_pairs("\t".join(_line(c.text_content()) for c in row), rule_set, cells=True)
    return found
