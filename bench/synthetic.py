"""A synthetic corpus for scale runs: the five bundled texts rewritten under made-up jurisdictions.

    python bench/synthetic.py OUT_DIR [N]   # writes OUT_DIR/documents.yaml and N texts (default 1000)

Each document starts from one of the bundled texts and is varied the way one government's plan differs
from another's: the place's name (and its short form) becomes an invented one, figures of targets
change (合格率达到95% → 93%), sibling clauses swap their bodies, a sentence or the last clause of a
section is dropped, a clause with its own responsibility statement is added, and some documents write
their markers or digits in another notation (half-width brackets, full-width digits). Reuse then finds
near copies rather than identical ones, and extraction reads figures and statements it has not seen.
Documents come :data:`PER_JURISDICTION` to a jurisdiction, as a national corpus has them (about 3,200
jurisdictions, each with a plan and its later versions): one invented place per jurisdiction, its
documents varied from the same bundled text, issued :data:`YEAR_STEP` years apart (the dates the text
states moved with them). The output is the same for the same N (the variation is seeded by the
document's number).
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

PER_JURISDICTION = 3   # documents of one jurisdiction (10,000 documents: 3,334 jurisdictions)
YEAR_STEP = 2          # years between them
NUMERALS = "一二三四五六七八九"
CHINESE_DIGITS = "〇一二三四五六七八九"
# a year followed by a month: the date a text is issued or takes effect on, not a target's deadline (到2025年)
DATED_YEAR = re.compile(r"(\d{4}|[〇○零一二三四五六七八九]{4})(?=年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)")
PLACE_SYLLABLES = "云岚青溪松柏桐枫梧榆杉桦栎楠槐樟竹莲荷兰芷蘅苓茗砚墨川泽湖渚屿峰岭崖岗原野"
SUB_MARKER = re.compile(r"(?:(?<=\s)|^)([（(]([一二三四五六七八九十]+)[）)])", re.M)
TOP_MARKER = re.compile(r"(?:(?<=\s)|^)([一二三四五六七八九十]+[、．])", re.M)
FIGURE = re.compile(r"(\d+(?:\.\d+)?)(?=%|％|万|萬|亿|億|家|个|個|项|項|件|分|人)")
TOPICS = ("电梯安全", "特种设备", "计量器具", "食品安全", "药品安全", "农产品质量", "工程质量", "标准化",
          "品牌建设", "检验检测", "知识产权", "质量基础设施")
LEADS = ("市场监管局", "发展改革委", "工业和信息化局", "住房城乡建设局", "农业农村局", "商务局", "卫生健康委",
         "交通运输局", "生态环境局", "教育局")
VERBS = ("健全{t}监管机制，开展{t}专项整治，推动{t}水平稳步提升",
         "完善{t}工作体系，落实企业主体责任，到{y}年{t}抽检合格率达到{p}%以上",
         "加强{t}能力建设，支持{n}家以上企业开展{t}提升行动，形成一批可复制的经验做法")


def numeral(n: int) -> str:
    """A clause number in Chinese numerals (1–99): 十二, 二十."""
    tens, units = divmod(n, 10)
    return (("" if tens == 1 else NUMERALS[tens - 1]) + "十" if tens else "") + (NUMERALS[units - 1] if units else "")


def value(text: str) -> int:
    """The inverse of :func:`numeral`."""
    if "十" not in text:
        return NUMERALS.index(text) + 1
    tens, _, units = text.partition("十")
    return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(units) + 1 if units else 0)


def place(rng: random.Random) -> str:
    """A made-up place name of two syllables."""
    return "".join(rng.sample(PLACE_SYLLABLES, 2))


def vary_figures(text: str, rng: random.Random) -> str:
    def change(m: re.Match[str]) -> str:
        if rng.random() < 0.5:
            return m.group(1)
        number = float(m.group(1)) * rng.uniform(0.8, 1.2)
        if "." in m.group(1):
            return f"{number:.{len(m.group(1).split('.')[1])}f}"
        return str(max(1, min(99, round(number))) if float(m.group(1)) < 100 else max(1, round(number)))
    return FIGURE.sub(change, text)


def shift_dates(text: str, year: int, shift: int) -> str:
    """The text with each date of YEAR (digits or Chinese digits) moved SHIFT years.

    >>> shift_dates("自2021年3月12日起实施。到2021年底完成。二○二一年三月十二日", 2021, 2)
    '自2023年3月12日起实施。到2021年底完成。二〇二三年三月十二日'
    """
    def moved(m: re.Match[str]) -> str:
        digits = m.group(1)
        if digits.isdigit():
            return str(year + shift) if int(digits) == year else digits
        value = "".join(str(CHINESE_DIGITS.index("〇" if c in "○零" else c)) for c in digits)
        return "".join(CHINESE_DIGITS[int(c)] for c in str(year + shift)) if int(value) == year else digits
    return DATED_YEAR.sub(moved, text)


def pieces(text: str) -> list[tuple[str, str, str]]:
    """The text cut at its section and sub-clause markers: (kind, marker, body); kind is '' before the first."""
    cuts = sorted([(m.start(1), "sub", m.group(1)) for m in SUB_MARKER.finditer(text)]
                  + [(m.start(1), "top", m.group(1)) for m in TOP_MARKER.finditer(text)])
    out = [("", "", text[:cuts[0][0]] if cuts else text)]
    for n, (start, kind, marker) in enumerate(cuts):
        end = cuts[n + 1][0] if n + 1 < len(cuts) else len(text)
        out.append((kind, marker, text[start + len(marker):end]))
    return out


def new_clause(rng: random.Random, number: int, half_width: bool) -> str:
    topic, lead, support = rng.choice(TOPICS), *rng.sample(LEADS, 2)
    body = rng.choice(VERBS).format(t=topic, y=rng.choice((2025, 2027, 2030)), p=rng.randint(90, 99),
                                    n=rng.randint(5, 50))
    marker = f"({numeral(number)})" if half_width else f"（{numeral(number)}）"
    return f"{marker}加强{topic}工作。{body}。（责任单位：市{lead}牵头，市{support}配合）\n"


def vary_structure(text: str, rng: random.Random) -> str:
    parts = pieces(text)
    subs = [n for n, p in enumerate(parts) if p[0] == "sub"]
    # swap the bodies of two neighbouring sibling clauses (same section), markers stay in place
    for _ in range(rng.randint(0, 3)):
        pairs = [n for n in subs if n + 1 in subs]
        if pairs:
            n = rng.choice(pairs)
            (k1, m1, b1), (k2, m2, b2) = parts[n], parts[n + 1]
            tail1, tail2 = b1[len(b1.rstrip()):], b2[len(b2.rstrip()):]
            parts[n], parts[n + 1] = (k1, m1, b2.rstrip() + tail1), (k2, m2, b1.rstrip() + tail2)
    # drop one sentence of a clause
    if subs and rng.random() < 0.5:
        n = rng.choice(subs)
        sentences = parts[n][2].split("。")
        if len(sentences) > 2:
            del sentences[rng.randrange(1, len(sentences) - 1)]
            parts[n] = (parts[n][0], parts[n][1], "。".join(sentences))
    # the last clause of a section: dropped, or followed by a new one
    lasts = [n for n in subs if n + 1 < len(parts) and parts[n + 1][0] == "top"]
    if lasts:
        n = rng.choice(lasts)
        number = value(parts[n][1].strip("（）()"))
        if rng.random() < 0.3 and number > 1:
            parts[n] = ("sub", "", "\n")
        else:
            parts.insert(n + 1, ("new", "", new_clause(rng, number + 1, parts[n][1].startswith("("))))
    return "".join(marker + body for _kind, marker, body in parts)


def vary_notation(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.2:   # half-width brackets around sub-clause numbers
        return SUB_MARKER.sub(lambda m: f"({m.group(2)})", text)
    if roll < 0.3:   # full-width digits in figures
        return FIGURE.sub(lambda m: m.group(1).translate(str.maketrans("0123456789", "０１２３４５６７８９")), text)
    return text


def make_corpus(out: Path, count: int = 1000) -> Path:
    """Write ``count`` varied documents and their manifest under ``out``; the manifest's path."""
    import opencc  # the bundled texts are partly in traditional script: names are replaced in both

    to_traditional = opencc.OpenCC("s2t")
    out.mkdir(parents=True, exist_ok=True)
    source = yaml.safe_load((REPO / "data" / "documents.yaml").read_text(encoding="utf-8"))["documents"]
    texts = [(REPO / "data" / e["file"]).read_text(encoding="utf-8") for e in source]
    documents = []
    for i in range(count):
        rng = random.Random(i)
        number, k = divmod(i, PER_JURISDICTION)   # the jurisdiction, and which of its documents
        base = dict(source[number % len(source)])
        old = base["jurisdiction"]["name_zh"]
        suffix = old[-1]
        name = place(random.Random(-1 - number)) + suffix
        text = texts[number % len(source)]
        for was, now in ((old, name), (old[:-1], name[:-1])):
            text = text.replace(was, now).replace(to_traditional.convert(was), to_traditional.convert(now))
        text = vary_notation(vary_structure(vary_figures(text, rng), rng), rng)
        issued = base["issued"]
        shift = (k - PER_JURISDICTION // 2) * YEAR_STEP
        year = (issued if isinstance(issued, int) else issued.year) + shift
        text = shift_dates(text, year - shift, shift)
        if "number" in base:   # the 文号: the place's first character and the year, in the text as in the manifest
            was = str(base["number"])
            now = was.replace(old[0], name[0]).replace(f"〔{year - shift}〕", f"〔{year}〕")
            text = text.replace(was, now).replace(to_traditional.convert(was), to_traditional.convert(now))
            base["number"] = now
        base["issued"] = year if isinstance(issued, int) else issued.replace(year=year)
        doc_id = f"synth{number:05d}-{year}"
        (out / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        j = dict(base["jurisdiction"])
        j.update(id=f"synth{number:05d}", name_zh=name, name_en=f"Synth {number:05d}", code=f"{100000 + number:06d}")
        base.update(id=doc_id, file=f"{doc_id}.txt", jurisdiction=j, title=base["title"].replace(old, name))
        documents.append(base)
    manifest = out / "documents.yaml"
    manifest.write_text(yaml.safe_dump({"documents": documents}, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return manifest


if __name__ == "__main__":
    print(make_corpus(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000))
