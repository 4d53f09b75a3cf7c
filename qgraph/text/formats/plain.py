"""Plain text (UTF-8 or GB18030/GBK), with a web page's chrome pasted around it moved out: the breadcrumb,
the metadata lines (索引号：… 发布日期：…), 字体 大 中 小 and buttons in the first lines go into metadata
or away, and the footer from its first chrome line on (版权所有, 主办单位 …) in the last lines goes away.

>>> page = ("首页 > 政策文件\\n索引号：0001/2023-01 发布日期：2023-06-02\\n字体：大 中 小\\n"
...         "云溪市质量强市方案\\n一、总体要求\\n主办单位：云溪市人民政府办公室\\n")
>>> read = read_plain(page.encode(), "x.txt")
>>> read.text, read.spans
('云溪市质量强市方案\\n一、总体要求\\n', ((0, 10, 4), (10, 17, 5)))
>>> read.metadata
(('index', '0001/2023-01'), ('published', '2023-06-02'))
"""
from __future__ import annotations

from qgraph.errors import InputError
from qgraph.model import ExtractedText
from qgraph.rules import RuleSet
from qgraph.text.formats.chrome import is_chrome, merged_metadata, metadata_pairs

ENCODINGS = ("utf-8-sig", "gb18030")   # GB18030 is a superset of GBK and GB2312, which many government files use
EDGE_LINES = 12                        # how many non-blank lines at the top and the bottom may be chrome
FOOTER_CHARS = 100                     # a longer line is text, not a footer


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM) or GB18030/GBK; anything else is an InputError."""
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, ("utf-8" if encoding == "utf-8-sig" else encoding)
    raise InputError("QG111", "cannot decode the text: neither UTF-8 nor GB18030/GBK", path=where)


def read_plain(data: bytes, where: str, rule_set: RuleSet | None = None) -> ExtractedText:
    """A text file: its text as decoded (unchanged when no chrome is found), one span per line."""
    text, encoding = decode(data, where)
    lines = text.splitlines(keepends=True)
    keep = [True] * len(lines)
    metadata: list[tuple[str, str]] = []
    filled = [n for n, line in enumerate(lines) if line.strip()]
    for n in filled[:EDGE_LINES]:
        pairs = metadata_pairs(lines[n].rstrip("\r\n"), rule_set)
        if pairs or is_chrome(lines[n], rule_set):
            metadata += pairs
            keep[n] = False
    footer = next((n for n in filled[-EDGE_LINES:]
                   if keep[n] and len(lines[n]) <= FOOTER_CHARS and is_chrome(lines[n], rule_set)), None)
    if footer is not None:
        keep[footer:] = [False] * (len(lines) - footer)
    kept = [(line, n + 1) for n, line in enumerate(lines) if keep[n]]
    spans, start = [], 0
    for line, number in kept:
        spans.append((start, start + len(line), number))
        start += len(line)
    return ExtractedText("".join(line for line, _ in kept), "text", encoding, tuple(spans),
                         merged_metadata(metadata))
