"""The report in a real browser (headless Debian chromium, no network, tests/browser_check.py): every page
draws its charts, logs no error, asks for nothing outside file:, a click on a mark goes to its evidence,
and text from the documents is shown as text. Screenshots go to build/screenshots/report-*.png."""
from __future__ import annotations

import json
import time

import pytest

from conftest import XSS_PAYLOADS
from test_report import PAGES

pytestmark = pytest.mark.browser

LOCAL = ("file:", "data:", "about:")
DRAWN = "window.__report && window.__report.drawn === window.__report.charts"
CHARTS = """[...document.querySelectorAll('div.chart')].map(div => ({
  id: div.id, svg: div.querySelectorAll('.main-svg').length,
  marks: div.querySelectorAll('.hm, .point, .bars path, image').length,
  width: div.getBoundingClientRect().width, height: div.getBoundingClientRect().height}))"""


def problems(browser) -> list[str]:
    """Exceptions thrown and errors logged since the page was opened."""
    found = []
    for event in browser.events:
        if event.get("method") == "Runtime.exceptionThrown":
            found.append(event["params"]["exceptionDetails"].get("text", "exception"))
        elif event.get("method") == "Runtime.consoleAPICalled" and event["params"]["type"] in ("error", "assert"):
            found.append(json.dumps(event["params"]["args"])[:200])
    return found


def open_report(browser, path, screenshot=None) -> list[dict]:
    """Open a report page, wait until every chart is drawn, screenshot it; the charts as drawn."""
    browser.requests.clear()
    browser.open(path.resolve().as_uri())
    browser.wait_for(DRAWN, timeout=30)
    time.sleep(0.2)
    if screenshot is not None:
        browser.screenshot(screenshot)
    return browser.evaluate(CHARTS)


@pytest.mark.parametrize("page", PAGES)
def test_browser_report_page_draws_its_charts(browser, report_dir, screenshots, page):
    charts = open_report(browser, report_dir / page, screenshots / f"report-{page.replace('.html', '.png')}")
    assert charts
    for chart in charts:
        assert chart["svg"] >= 1, chart["id"]        # Plotly drew it
        assert chart["marks"] > 0, chart["id"]       # with marks in it
        assert chart["width"] > 600 and chart["height"] > 200
    assert problems(browser) == []
    assert [url for url in browser.requests if not url.startswith(LOCAL)] == []


def test_browser_report_click_on_a_cell_shows_its_clauses(browser, report_dir, screenshots):
    open_report(browser, report_dir / "leads.html")
    where = browser.evaluate("""(() => {
      const gd = document.getElementById('chart-leads'), full = gd._fullLayout, trace = gd.data[0];
      const row = full.yaxis.ticktext.findIndex(t => t.startsWith('市场监督管理'));
      const col = full.xaxis.ticktext.findIndex(t => t.endsWith('hefei'));
      gd.scrollIntoView({block: 'center'});
      const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
      return [box.left + full.xaxis.l2p(col), box.top + full.yaxis.l2p(row)];
    })()""")
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        browser.send("Input.dispatchMouseEvent", {"type": kind, "x": where[0], "y": where[1], "button": "left",
                                                  "clickCount": 1}, session=True)
    browser.wait_for("window.location.hash === '#lead-hefei-market-regulation'", timeout=10)
    time.sleep(0.3)
    browser.screenshot(screenshots / "report-leads-evidence.png")
    shown = browser.evaluate("""(() => { const group = document.querySelector('tbody:target');
      return {rows: group.querySelectorAll('tr').length - 1, background: getComputedStyle(group.querySelector('td')).backgroundColor,
              heading: group.querySelector('th').textContent}; })()""")
    assert shown["heading"] == "hefei 合肥市 · 市场监督管理 market regulation: 14 clause(s) led (14)"
    assert shown["rows"] == 14
    assert shown["background"] == "rgb(255, 253, 231)"  # highlighted (report.css, tbody:target)


@pytest.mark.parametrize("page", ["domains.html", "leads.html", "indicators.html", "jurisdiction-xss.html"])
def test_browser_report_payloads_are_shown_as_text(browser, xss_report, page):
    open_report(browser, xss_report / page)
    time.sleep(0.3)
    assert browser.evaluate("window.__xss === undefined")
    assert browser.evaluate("document.querySelectorAll('main img, main iframe, main script:not([type])').length") == 0
    text = browser.evaluate("document.body.innerText")
    assert XSS_PAYLOADS[0] in text  # the jurisdiction's name, shown as written
    if page == "domains.html":
        evidence = browser.evaluate("document.querySelector('table.evidence').innerText")
        assert all(p in evidence for p in XSS_PAYLOADS)  # the clause text
    assert problems(browser) == []
