"""Documents as governments publish them: each bundled text as a web page in its site's chrome, as a
PDF with running headers, footers and page numbers, and as a Word file reads into the same clause tree,
the same departments and the same targets as the text itself; bad files fail in one line."""
from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, DOC_IDS
from formats_made import page, pdf, word
from qgraph.errors import InputError
from qgraph.extract import extract
from qgraph.model import DocumentSpec
from qgraph.pipeline import parse_document
from qgraph.text.formats.plain import read_plain
from qgraph.text.manifest import load_manifest
from qgraph.text.read import read_source

FORMATS = ("html", "pdf", "docx")
ENCODING = {"huairen-2023": "gbk"}   # one page saved in GB2312/GBK, as many government sites still serve


def _lines(doc_id: str) -> list[str]:
    return read_plain((DATA / f"{doc_id}.txt").read_bytes(), doc_id).text.splitlines()


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """(document id, format) → the file, made once."""
    folder = tmp_path_factory.mktemp("published")
    made = {}
    for doc_id in DOC_IDS:
        lines = _lines(doc_id)
        for fmt, content in (("html", page(lines, lines[0], ENCODING.get(doc_id, "utf-8"))),
                             ("pdf", pdf(lines)), ("docx", word(lines))):
            made[doc_id, fmt] = folder / f"{doc_id}.{fmt}"
            made[doc_id, fmt].write_bytes(content)
    return made


@pytest.fixture(scope="session")
def specs() -> dict[str, DocumentSpec]:
    return {s.id: s for s in load_manifest(DATA / "documents.yaml")}


def _summary(spec: DocumentSpec):
    parsed = parse_document(spec)
    extraction = extract(parsed)
    tree = [(c.number, c.heading) for c in parsed.clauses if c.numbered]
    departments = sorted({a.label for part in extraction.clauses for a in part.assignments})
    targets = sorted((t.target.clause, t.target.metric, str(t.target.value), t.target.unit)
                     for part in extraction.clauses for t in part.targets)
    return parsed, tree, departments, targets


@pytest.fixture(scope="session")
def as_text(specs):
    return {doc_id: _summary(specs[doc_id]) for doc_id in DOC_IDS}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_formats_read_like_the_text(published, specs, as_text, doc_id, fmt):
    from dataclasses import replace

    parsed, tree, departments, targets = _summary(replace(specs[doc_id], path=published[doc_id, fmt]))
    _, text_tree, text_departments, text_targets = as_text[doc_id]
    assert parsed.text.source.format == fmt
    assert tree == text_tree
    assert departments == text_departments
    assert targets == text_targets
    source = parsed.text.source
    for clause in parsed.clauses:   # offsets slice the text read, and the map covers it
        assert source.text[clause.source_start:clause.source_end].strip()
        assert source.locators(clause.source_start, clause.source_end)
    assert source.spans[-1][1] == len(source.text)
    assert source.sha256 == hashlib.sha256(published[doc_id, fmt].read_bytes()).hexdigest()


def test_formats_page_chrome_goes_to_metadata(published):
    title = _lines("huairen-2023")[0]   # the page's <h1> and its 标题 row
    source = read_source("huairen-2023", published["huairen-2023", "html"])
    assert source.encoding == "gb18030"
    assert source.metadata == (
        ("index", "11990100/2023-00841"), ("issuer", "云溪市人民政府"), ("written", "2023-06-22"),
        ("published", "2023-07-03"), ("number", "云政发〔2023〕29号"),
        ("title", title), ("subject", "质量技术监督"))
    lines = source.text.splitlines()
    assert lines[0] == title
    assert lines[-1].startswith("(三)加强督查考核。")
    for chrome in ("首页", "字体", "打印本页", "浏览次数", "主办单位", "索引号", "相关链接", "无障碍浏览", "English",
                   "图解：云溪市"):
        assert chrome not in source.text
    # the first line comes from the <h1>: its source line in the page
    assert source.spans[0][2] == page(_lines("huairen-2023"), "x").decode().splitlines().index(
        f'<h1 class="title">{title}</h1>') + 1


def test_formats_pdf_pages_and_running_lines(published):
    source = read_source("gansu-2015", published["gansu-2015", "pdf"])
    assert "云溪市人民政府文件" not in source.text and "云政发" not in source.text
    assert not re.search(r"^— \d+ —$", source.text, re.M)
    assert source.text.splitlines() == [line.strip() for line in _lines("gansu-2015") if line.strip()]
    pages = {locator for _s, _e, locator in source.spans}
    assert min(pages) == 1 and max(pages) >= 3
    start = source.text.index("二、")
    assert source.pages(0, len(source.text))[0] == 1 and source.pages(start, start + 2)[0] > 1


def test_formats_docx_table_rows_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("一、重点任务")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells,
                          ["序号", "重点任务", "牵头单位", "1", "开展质量\n提升行动", "市市场监管局"], strict=True):
        cell.text = text
    document.add_paragraph("二、保障措施")
    out = io.BytesIO()
    document.save(out)
    (tmp_path / "plan.docx").write_bytes(out.getvalue())
    source = read_source("plan", tmp_path / "plan.docx")
    assert source.text == "一、重点任务\n序号\t重点任务\t牵头单位\n1\t开展质量 提升行动\t市市场监管局\n二、保障措施\n"
    assert [locator for _s, _e, locator in source.spans] == [1, 2, 2, 3]


def test_formats_html_table_rows(tmp_path):
    (tmp_path / "plan.html").write_text(
        "<html><head><meta charset='utf-8'><title>云溪市质量提升任务分工</title></head><body>"
        "<div class='nav'><a href='/'>首页</a></div><div id='zoom'>"
        "<p>为推进质量强市建设，现将重点任务分工如下，请各单位认真抓好落实，确保各项任务按期完成。</p>"
        "<table border='1'><tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td></tr>"
        "<tr><td>1</td><td><p>开展质量</p><p>提升行动</p></td><td>市市场监管局</td><td>市工信局、市商务局</td></tr>"
        "</table><p>各单位要按照职责分工，细化工作措施，每半年报送一次工作进展情况。</p></div></body></html>",
        encoding="utf-8")
    source = read_source("plan", tmp_path / "plan.html")
    assert source.text.splitlines() == [
        "为推进质量强市建设，现将重点任务分工如下，请各单位认真抓好落实，确保各项任务按期完成。",
        "序号\t重点任务\t牵头单位\t配合单位", "1\t开展质量 提升行动\t市市场监管局\t市工信局、市商务局",
        "各单位要按照职责分工，细化工作措施，每半年报送一次工作进展情况。"]


def test_formats_plain_text_with_pasted_chrome(tmp_path):
    text = ("首页 > 政策文件 > 县政府文件\n索 引 号：0001/2024-00012\t发布机构：青岚县人民政府\n"
            "成文日期：2024年03月05日\t发布日期：2024年03月08日\n字体：【大 中 小】\n"
            "青岚县人民政府关于推进质量强县建设的实施意见\n青政发〔2024〕3号\n一、总体要求\n"
            "（一）加强质量监管。由县市场监管局牵头。\n【打印本页】 【关闭窗口】\n主办单位：青岚县人民政府办公室\n")
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    source = read_source("plan", tmp_path / "plan.txt")
    assert source.text == ("青岚县人民政府关于推进质量强县建设的实施意见\n青政发〔2024〕3号\n一、总体要求\n"
                           "（一）加强质量监管。由县市场监管局牵头。\n")
    assert source.metadata == (("index", "0001/2024-00012"), ("issuer", "青岚县人民政府"),
                               ("written", "2024-03-05"), ("published", "2024-03-08"))
    assert [locator for _s, _e, locator in source.spans] == [5, 6, 7, 8]


def _pdf_without_text() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    sheet = canvas.Canvas(out)
    sheet.rect(100, 100, 300, 500, fill=1)   # an image-like page: no text
    sheet.showPage()
    sheet.save()
    return out.getvalue()


def _encrypted(content: bytes) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(content)))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BAD = {
    "scan.pdf": (lambda made: _pdf_without_text(), r"\[QG115\] the PDF has no text layer \(scanned PDF\?\)"),
    "locked.pdf": (lambda made: _encrypted(made["gansu-2015", "pdf"].read_bytes()),
                   r"\[QG116\] the PDF is encrypted"),
    "broken.docx": (lambda made: made["gansu-2015", "docx"].read_bytes()[:3000],
                    r"\[QG117\] cannot read the Word file"),
    "picture.txt": (lambda made: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, r"\[QG114\] not a format qgraph reads"),
    "noise.bin": (lambda made: bytes((n * 7919) % 251 for n in range(5000)), r"\[QG114\] not a format qgraph reads"),
    # an old Word file: LibreOffice converts it where installed (this one is damaged), else the error says so
    "old.doc": (lambda made: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), r"\[QG118\] "),
}


def _manifest(folder: Path, *files: str) -> Path:
    """A manifest of an invented county's documents, one per file."""
    entries = "".join(f"""  - id: doc-{n}
    file: {name}
    jurisdiction: {{id: qinglan, name_zh: 青岚县, name_en: Qinglan, level: county, code: "990102"}}
    title: 青岚县质量强县建设实施方案
    issued: 2024-03-05
""" for n, name in enumerate(files, start=1))
    (folder / "documents.yaml").write_text(f"documents:\n{entries}", encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", sorted(BAD))
def test_formats_bad_file_is_one_line_and_nothing_written(run, published, tmp_path, name):
    make, message = BAD[name]
    (tmp_path / name).write_bytes(make(published))
    result = run("build", "--data", str(_manifest(tmp_path, name)), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert result.output.startswith(f"Error: {tmp_path / name}: ")
    assert re.search(message, result.output)
    assert not (tmp_path / "out").exists()


def test_formats_page_without_main_text_and_english_text_warn_then_fail_strict(run, tmp_path):
    (tmp_path / "portal.html").write_text(
        "<html><head><meta charset='utf-8'><title>云溪市人民政府门户网站</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/zwgk/'>政务公开</a> <a href='/hd/'>互动交流</a></div>"
        "<div class='footer'>主办单位：云溪市人民政府办公室 版权所有</div></body></html>", encoding="utf-8")
    (tmp_path / "plan.txt").write_text("Quality Development Plan\nWe will improve product quality.\n",
                                       encoding="utf-8")
    shutil.copy(DATA / "gansu-2015.txt", tmp_path / "gansu-2015.txt")
    data = _manifest(tmp_path, "gansu-2015.txt", "plan.txt", "portal.html")
    result = run("build", "--data", str(data), "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "not a policy" in line]
    assert warnings == [
        f"Warning: {tmp_path / 'plan.txt'}: not a policy qgraph reads: no Chinese text",
        f"Warning: {tmp_path / 'portal.html'}: not a policy qgraph reads: no main text found in the page "
        "(read the whole page); no numbered part, no responsibility statement and no target"]
    shutil.rmtree(tmp_path / "out")
    strict = run("build", "--data", str(data), "--out", str(tmp_path / "out"), "--strict")
    assert strict.exit_code == 1
    assert strict.output.strip() == (f"Error: {tmp_path / 'plan.txt'}: [QG119] not a policy qgraph reads: "
                                     "no Chinese text (--strict)")
    assert not (tmp_path / "out").exists()
    parse = run("parse", "--data", str(data))
    assert parse.exit_code == 0 and parse.output.count("not a policy qgraph reads") == 2
    parse = run("parse", "--data", str(data), "--strict")
    assert parse.exit_code == 1 and "[QG119]" in parse.output


def test_formats_texts_beside_the_graph(run, data_copy, published, tmp_path):
    shutil.copy(published["gansu-2015", "pdf"], data_copy / "gansu-2015.pdf")
    manifest = data_copy / "documents.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("file: gansu-2015.txt", "file: gansu-2015.pdf"),
                        encoding="utf-8")
    result = run("build", "--data", str(data_copy), "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "texts" / "gansu-2015.txt").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in
            (tmp_path / "out" / "texts" / "texts.tsv").read_text(encoding="utf-8").splitlines()]
    assert rows[0] == ["id", "format", "text_sha256", "source_sha256"]
    gansu = next(row for row in rows if row[0] == "gansu-2015")
    assert gansu == ["gansu-2015", "pdf", hashlib.sha256(text.encode()).hexdigest(),
                     hashlib.sha256((data_copy / "gansu-2015.pdf").read_bytes()).hexdigest()]
    import pyoxigraph as ox
    store = ox.Store()
    store.load(path=str(tmp_path / "out" / "qgraph.ttl"), format=ox.RdfFormat.TURTLE)
    query = """PREFIX qg: <https://w3id.org/qgraph/ontology#>
        SELECT ?number ?start ?end ?source (GROUP_CONCAT(STR(?page); separator=",") AS ?pages) WHERE {
          ?c qg:document <https://w3id.org/qgraph/id/doc/gansu-2015> ; qg:number ?number ;
             qg:charStart ?start ; qg:charEnd ?end ; qg:sourceText ?source ; qg:page ?page }
        GROUP BY ?number ?start ?end ?source"""
    found = list(store.query(query))
    assert len(found) == 31   # every part of the document, numbered or not
    for row in found:
        assert text[int(row["start"].value):int(row["end"].value)] == row["source"].value
    pages = {row["number"].value: row["pages"].value for row in found}
    assert pages["一"] == "1"
    assert not bool(store.query("PREFIX qg: <https://w3id.org/qgraph/ontology#> ASK { ?c qg:document "
                                "<https://w3id.org/qgraph/id/doc/hangzhou-2011> ; qg:page ?p }"))


def test_formats_pdf_ruled_table_rows(tmp_path):
    from formats_made import pdf_table

    (tmp_path / "plan.pdf").write_bytes(pdf_table(
        "二、重点任务分工", [["序号", "重点任务", "牵头单位", "配合单位"],
                            ["1", "开展质量提升行动", "县市场监管局", "县工信局、县商务局"],
                            ["2", "加强标准化工作", "县市场监管局", "县农业农村局"]],
        "三、保障措施"))
    source = read_source("plan", tmp_path / "plan.pdf")
    assert source.text.splitlines() == ["二、重点任务分工", "序号\t重点任务\t牵头单位\t配合单位",
                                        "1\t开展质量提升行动\t县市场监管局\t县工信局、县商务局",
                                        "2\t加强标准化工作\t县市场监管局\t县农业农村局", "三、保障措施"]
    assert source.pages(0, len(source.text)) == (1,)


def test_formats_page_metadata_fills_the_facts_the_text_lacks(tmp_path, specs):
    """The text has no title line and no number: the page's 标题 and 文号 rows give them; the text's own
    closing date wins over the page's 成文日期."""
    from dataclasses import replace

    lines = _lines("hefei-2021")
    (tmp_path / "plan.html").write_bytes(page(lines, "云溪市人民政府关于深化质量强市建设的实施意见"))
    parsed = parse_document(replace(specs["hefei-2021"], path=tmp_path / "plan.html", title="", number=None))
    text_facts = parse_document(specs["hefei-2021"]).facts
    assert text_facts.title is None and text_facts.number is None
    assert parsed.facts.title == parsed.spec.title == "云溪市人民政府关于深化质量强市建设的实施意见"
    assert parsed.facts.number == parsed.spec.number == "云政发〔2023〕29号"
    assert (text_facts.issued, parsed.facts.issued) == ("2021-03-12", "2021-03-12")
    assert parsed.facts.issuer == "云溪市人民政府"   # the text names none; the page's 发布机构
