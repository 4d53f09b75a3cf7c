"""Documents as governments publish them, made from the bundled texts at test time: a web page in its
site's chrome, a PDF with running headers, footers and page numbers, a Word file."""
from __future__ import annotations

import html
import io
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def page(lines: list[str], title: str, encoding: str = "utf-8", *, issuer: str = "云溪市人民政府",
         written: str = "2023年06月22日", number: str = "云政发〔2023〕29号") -> bytes:
    """A saved page of an invented city's site: nav, breadcrumb, metadata table (its issuer, date written
    and number as given), the text, share buttons, related links and a footer."""
    charset = "gb2312" if encoding == "gbk" else encoding
    body = "\n".join(f'<p style="text-indent:2em;">{html.escape(line)}</p>' for line in lines[1:])
    text = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{html.escape(title)}_云溪市人民政府</title>
<meta name="ArticleTitle" content="{html.escape(title)}" />
<meta name="PubDate" content="2023-07-03 09:30" />
<meta name="ContentSource" content="云溪市人民政府办公室" />
<script type="text/javascript">var _hmt = _hmt || []; function fontZoom(size) {{ return size; }}</script>
<style>.nav li {{ float: left; }}</style>
</head>
<body>
<div class="top"><a href="/">云溪市人民政府</a> <a href="/en/">English</a> <a href="#">无障碍浏览</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zcwj/">政策文件</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zcwj/">政策文件</a></div>
<div class="xxgk_table">
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td class="label">索&nbsp;引&nbsp;号：</td><td>11990100/2023-00841</td><td class="label">主题分类：</td><td>质量技术监督</td></tr>
<tr><td class="label">发布机构：</td><td>{html.escape(issuer)}</td><td class="label">成文日期：</td><td>{html.escape(written)}</td></tr>
<tr><td class="label">标　　题：</td><td colspan="3">{html.escape(title)}</td></tr>
<tr><td class="label">文　　号：</td><td>{html.escape(number)}</td><td class="label">发布日期：</td><td>2023年07月03日</td></tr>
</table>
</div>
<div class="article">
<h1 class="title">{html.escape(lines[0])}</h1>
<div class="info">发布时间：2023-07-03 09:30　　来源：云溪市人民政府办公室　　浏览次数：3587　　字体：【<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a>】</div>
<div id="zoom" class="TRS_Editor">
{body}
</div>
<div class="share">【<a href="javascript:window.print()">打印本页</a>】 【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="related"><h3>相关链接：</h3><ul>
<li><a href="/zcjd/1.html">图解：云溪市质量强市建设三年行动</a></li>
<li><a href="/zcjd/2.html">云溪市召开质量工作推进会议</a></li></ul></div>
<div class="footer"><p>主办单位：云溪市人民政府办公室　承办单位：云溪市大数据中心</p>
<p>网站标识码：9901000001　某ICP备05001234号　某公网安备 99010002000123号</p>
<p>建议使用1920×1080分辨率浏览本网站</p></div>
</body>
</html>
"""
    return text.encode(encoding)


def pdf(lines: list[str], tables: list[list[str]] | None = None) -> bytes:
    """A PDF of the lines in the way a government PDF is set: A4, 仿宋-like CJK font at 16 pt, lines broken at
    the page width, a running header, a footer, and page numbers ``— 3 —``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", str(FONT), subfontIndex=0))
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    left, right, top, bottom, size, leading = 79, width - 74, height - 90, 90, 15, 27
    page_number = 1

    def furniture() -> None:
        sheet.setFont("WQY", 10)
        sheet.drawString(left, height - 50, "云溪市人民政府文件")
        sheet.drawRightString(right, height - 50, "云政发〔2023〕29号")
        sheet.drawCentredString(width / 2, 50, f"— {page_number} —")
        sheet.setFont("WQY", size)

    furniture()
    y = top
    for line in lines:
        rows = _wrapped(line, right - left - 2 * size, lambda s: pdfmetrics.stringWidth(s, "WQY", size), 2 * size)
        for n, row in enumerate(rows):
            if y < bottom:
                sheet.showPage()
                page_number += 1
                furniture()
                y = top
            sheet.drawString(left + (2 * size if n == 0 else 0), y, row)
            y -= leading
    sheet.showPage()
    sheet.save()
    return out.getvalue()


def _wrapped(line: str, width: float, measure, indent: float) -> list[str]:
    rows, row, room = [], "", width
    for ch in line:
        if measure(row + ch) > room and row:
            rows.append(row)
            row, room = "", width + indent
        row += ch
    rows.append(row)
    return rows


def word(lines: list[str]) -> bytes:
    """A .docx with one paragraph per line."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_table(before: str, rows: list[list[str]], after: str) -> bytes:
    """A one-page PDF: a paragraph, a ruled table, a paragraph (reportlab's platypus)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("WQY", str(FONT), subfontIndex=0))
    style = ParagraphStyle("body", fontName="WQY", fontSize=14, leading=24, wordWrap="CJK")
    out = io.BytesIO()
    table = Table(rows)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "WQY"), ("FONTSIZE", (0, 0), (-1, -1), 11),
                               ("GRID", (0, 0), (-1, -1), 0.8, "black")]))
    SimpleDocTemplate(out, pagesize=A4).build([Paragraph(before, style), table, Paragraph(after, style)])
    return out.getvalue()
