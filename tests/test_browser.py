"""The HTML graphs in a real browser: Debian's chromium, headless, with no network, driven over the
DevTools pipe by tests/browser_check.py. Screenshots go to build/screenshots/ (look at them).
"""
from __future__ import annotations

import json
import time

import pytest

from browser_check import check_page
from conftest import XSS_PAYLOADS

pytestmark = pytest.mark.browser

JURISDICTIONS = ("gansu", "hangzhou", "hefei", "huairen", "yangzhou")
PAGES = (*(f"jurisdiction-{j}.html" for j in JURISDICTIONS), "cross-jurisdiction.html",
         *(f"collaboration-{j}.html" for j in JURISDICTIONS))
STABILISED_WITHIN_MS = 5000
LOCAL = ("file:", "data:", "about:")
ID = "https://w3id.org/qgraph/id/"

TOOLTIP = """(() => {
  const tip = document.querySelector('div.vis-tooltip');
  // innerText turns line breaks into <br>; any other element would be markup from the data
  return tip && {visible: tip.style.visibility === 'visible', text: tip.innerText,
                 elements: [...tip.querySelectorAll('*')].filter(e => e.tagName !== 'BR').length,
                 breaks: tip.querySelectorAll('br').length};
})()"""


def hover(browser, node_id: str) -> dict:
    """Move the mouse onto a node and return the tooltip that vis-network shows."""
    where = browser.evaluate(f"""(() => {{
      const net = window.qgraphNetwork, id = {json.dumps(node_id)};
      net.fit({{animation: false}});
      const p = net.canvasToDOM(net.getPosition(id)), box = document.getElementById('mynetwork').getBoundingClientRect();
      return [p.x + box.left, p.y + box.top];
    }})()""")
    browser.mouse_move(where[0] - 3, where[1] - 3)
    browser.mouse_move(where[0], where[1])
    deadline = time.monotonic() + 5
    while True:
        tip = browser.evaluate(TOOLTIP)
        if (tip and tip["visible"]) or time.monotonic() > deadline:
            return tip
        time.sleep(0.05)


@pytest.mark.parametrize("page", PAGES)
def test_browser_page_draws_the_graph(browser, visualisations, expected_nodes, screenshots, page):
    browser.requests.clear()
    report = check_page(browser, visualisations / page, screenshots / page.replace(".html", ".png"))
    (screenshots / page.replace(".html", ".json")).write_text(json.dumps(report, indent=1), encoding="utf-8")
    assert report["stabilised"]
    assert report["datasetNodes"] == report["nodes"] == expected_nodes(page)
    assert report["inked"] > 0.01 * report["pixels"], "the canvas is (nearly) blank"
    assert report["stabilisedMs"] < STABILISED_WITHIN_MS
    assert report["xss"] is None
    assert [url for url in browser.requests if not url.startswith(LOCAL)] == []
    if page.startswith("jurisdiction-"):  # a closer look, for people checking the labels
        browser.evaluate("""(() => { const net = window.qgraphNetwork;
          const hub = net.body.data.nodes.get().filter(n => n.kind === 'department')
            .sort((a, b) => net.getConnectedEdges(b.id).length - net.getConnectedEdges(a.id).length)[0];
          net.focus(hub.id, {scale: 1.2, animation: false}); return hub.id; })()""")
        time.sleep(0.2)
        browser.screenshot(screenshots / page.replace(".html", "-zoom.png"))


def test_browser_tooltip_is_plain_text_with_line_breaks(browser, visualisations, screenshots):
    check_page(browser, visualisations / "jurisdiction-huairen.html")
    tip = hover(browser, ID + "doc/huairen-2023/clause/5-1")
    browser.screenshot(screenshots / "jurisdiction-huairen-tooltip.png")
    assert tip["visible"]
    assert tip["elements"] == 0  # text, not markup
    assert tip["breaks"] >= 4
    assert tip["text"].startswith("五.(一) 提升农产品和食品药品质量安全\n")
    assert "Source: huairen-2023 (怀政发〔2023〕29号), 五.(一), characters 3926–4277" in tip["text"]


@pytest.mark.parametrize("page", ["jurisdiction-xss.html", "collaboration-xss.html", "cross-jurisdiction.html"])
def test_browser_payloads_run_nothing(browser, xss_visualisations, screenshots, page):
    browser.requests.clear()
    report = check_page(browser, xss_visualisations / page, screenshots / f"xss-{page.replace('.html', '.png')}")
    assert report["xss"] is None
    assert browser.evaluate("document.querySelectorAll('img, svg, iframe').length") == 0
    assert browser.evaluate("document.scripts.length") == 2
    assert [url for url in browser.requests if not url.startswith(LOCAL)] == []
    if page == "jurisdiction-xss.html":
        assert browser.evaluate("document.querySelector('h1').textContent").startswith(XSS_PAYLOADS[0])
        tip = hover(browser, ID + "doc/xss-2024/clause/1")
        assert tip["visible"] and tip["elements"] == 0
        assert XSS_PAYLOADS[0] in tip["text"] and XSS_PAYLOADS[1] in tip["text"]  # shown, as text
        time.sleep(0.3)
        assert browser.evaluate("window.__xss === undefined")


def test_browser_index_runs_nothing_and_links_every_page(browser, xss_visualisations, visualisations, screenshots):
    browser.open((xss_visualisations / "index.html").as_uri())
    time.sleep(0.3)
    assert browser.evaluate("window.__xss === undefined && document.querySelectorAll('img, svg').length === 0")
    browser.open((visualisations / "index.html").as_uri())
    browser.screenshot(screenshots / "index.png")
    links = browser.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
    assert sorted(link.rsplit("/", 1)[-1] for link in links) == sorted(PAGES)
    assert all(link.startswith("file:") for link in links)
