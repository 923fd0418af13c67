"""The explorer in headless Chromium over the sample corpus, on the real app (uvicorn on loopback).

Each test waits on a condition the page sets (``#view[data-rendered=...]``, ``#graph[data-ready]``),
never on a fixed sleep. Screenshots for the README are written to docs/.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.app.explorer.conftest import PageWatch
from tests.app.ingest_helpers import KEY

DOCS = Path(__file__).resolve().parents[3] / "docs"
pytestmark = pytest.mark.slow
QUOTES_PER_ROW = "rows => rows.map(r => [...r.cells[4].querySelectorAll('q')].map(q => q.innerText))"


def goto(page: Any, live: str, hash_: str, rendered: str) -> None:
    page.goto(f"{live}/{hash_}")
    page.wait_for_selector(f"#view[data-rendered='{rendered}']")


def api(live: str, path: str, **params: Any) -> Any:
    resp = httpx.get(f"{live}{path}", params=params, timeout=30)
    resp.raise_for_status()
    return resp.json()


def click_an_edge(page: Any, touching: str) -> dict[str, Any]:
    """Click the middle of a drawn edge of ``touching`` where no node or other edge is in the way."""
    target = page.evaluate(
        """(center) => {
          const { network, edges } = window.explorerGraph;
          for (const edge of edges.get()) {
            if (edge.from !== center && edge.to !== center) continue;
            const pos = network.getPositions([edge.from, edge.to]);
            const mid = network.canvasToDOM({ x: (pos[edge.from].x + pos[edge.to].x) / 2,
                                              y: (pos[edge.from].y + pos[edge.to].y) / 2 });
            if (network.getNodeAt(mid) === undefined && network.getEdgeAt(mid) === edge.id) {
              return { x: mid.x, y: mid.y, data: edge.data };
            }
          }
          return null;
        }""",
        touching,
    )
    assert target is not None, "no drawn edge could be clicked clear of nodes"
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    return dict(target["data"])


def table_cells(page: Any, selector: str) -> list[list[str]]:
    return [list(row) for row in page.eval_on_selector_all(
        f"{selector} tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")]


def test_docs_and_redoc_render_with_every_other_host_blocked(page: Any, live: str) -> None:
    page.goto(f"{live}/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Sahel Nexus Graph" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector("text=/ask")
    page.goto(f"{live}/redoc")
    page.wait_for_selector("h1:has-text('Sahel Nexus Graph')")
    assert page.locator("text=A question in plain words").count() >= 1


def test_search_unodc_open_it_click_an_edge_and_read_its_quote(page: Any, live: str,
                                                               record_property: Any) -> None:
    goto(page, live, "", "home")
    page.fill("#search-input", "UNODC")
    option = page.locator("#search-suggestions [role=option]", has_text="UNODC").first
    option.wait_for()
    # keyboard: down to the first suggestion, Enter opens it
    first = page.locator("#search-suggestions [role=option]").first
    assert first.locator(".opt-name").inner_text() == "UNODC"
    started = time.perf_counter()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("#graph[data-ready='true']")
    page.wait_for_selector("#view[data-rendered='entity']")
    wall_ms = (time.perf_counter() - started) * 1000
    in_page_ms = page.evaluate("window.__explorerTimings.entity")
    record_property("entity_first_render_ms", round(in_page_ms))
    print(f"\nentity view first render (UNODC, depth 1): {in_page_ms:.0f} ms in the page, {wall_ms:.0f} ms wall")
    assert page.url.endswith("#/entity/organization%3Aunodc")
    assert page.inner_text("h1").startswith("UNODC")
    assert "United Nations Office on Drugs and Crime" in page.inner_text(".profile")
    graph = api(live, "/entities/organization:unodc/graph")
    drawn = page.evaluate("window.explorerGraph.nodes.length")
    assert drawn == len(graph["nodes"]) <= 101

    edge = click_an_edge(page, "organization:unodc")
    panel = page.locator("#evidence-panel")
    panel.locator("blockquote").first.wait_for()
    evidence = httpx.post(f"{live}/queries/evidence_for_relation",
                          json={"source": edge["source"], "target": edge["target"], "type": edge["type"]}).json()
    expected = [r["quote"] for r in evidence["rows"]
                if r["source_id"] == edge["source"] and r["target_id"] == edge["target"]]
    shown = panel.locator("blockquote").all_inner_texts()
    assert shown == expected and shown
    cite = panel.locator(".cite").first.inner_text()
    assert "rule " in cite and "model " in cite and "confidence " in cite
    page.wait_for_selector("#evidence-panel[data-ready='true']")
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.move(box["x"] + 3, box["y"] + 3)  # off the edge: no hover tooltip in the picture
    page.wait_for_selector(".vis-tooltip", state="hidden")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(DOCS / "explorer-entity.png"))

    # the quote's document link opens the document view at that sentence
    panel.locator("a.doc-link").first.click()
    page.wait_for_selector("#view[data-rendered='document']")
    target = page.locator(".sentence.target")
    assert target.count() == 1 and target.inner_text() == shown[0]


def test_question_who_funds_what_in_mali_gives_the_funding_rows(page: Any, live: str) -> None:
    goto(page, live, "", "home")
    page.fill("#search-input", "who funds what in Mali")
    page.press("#search-input", "Enter")
    page.wait_for_selector("#view[data-rendered='ask']")
    assert page.inner_text("#ran-query") == "who_funds_what"
    assert "region:mali" in page.inner_text("#ran-parameters")
    direct = api(live, "/funding", region="Mali")["rows"]
    rows = table_cells(page, "#funding-table")
    assert [(r[0], r[1]) for r in rows] == [(d["funder"], d["recipient"]) for d in direct] and rows


def test_unread_question_shows_suggestions_not_an_answer(page: Any, live: str) -> None:
    goto(page, live, "#/ask?q=" + quote("what will the weather be in Gao"), "ask")
    assert page.locator("#ran-query").count() == 0
    assert page.locator("#ask-suggestions li").count() == 3


def test_funding_for_mali_lists_funders_with_quotes_and_the_csv_is_the_table(page: Any, live: str) -> None:
    goto(page, live, "#/funding?region=Mali", "funding")
    assert page.input_value("#region") == "Mali"
    direct = api(live, "/funding", region="Mali", limit=500)["rows"]
    rows = table_cells(page, "#funding-table")
    assert len(rows) == len(direct) > 0
    quotes = page.eval_on_selector_all("#funding-table tbody tr", QUOTES_PER_ROW)
    assert quotes == [[e["quote"] for e in d["evidence"]] for d in direct]
    assert all(q for q in quotes)
    page.screenshot(path=str(DOCS / "explorer-funding.png"))

    page.click("#funding-table th >> text=Funded")  # sort by what is funded; a second click reverses
    page.wait_for_selector("#funding-table th[aria-sort='ascending']")
    ascending = [r[1] for r in table_cells(page, "#funding-table")]
    page.click("#funding-table th >> text=Funded")
    page.wait_for_selector("#funding-table th[aria-sort='descending']")
    sorted_rows = table_cells(page, "#funding-table")
    assert ascending != [r[1] for r in rows] and sorted(ascending) == sorted(r[1] for r in rows)
    assert [r[1] for r in sorted_rows] == ascending[::-1]
    with page.expect_download() as info:
        page.click("#csv-download")
    data = Path(info.value.path()).read_text(encoding="utf-8")
    parsed = list(csv.reader(io.StringIO(data)))
    assert parsed[0] == ["Funder", "Funded", "Regions", "Threats", "Evidence", "Source"]
    shown_quotes = page.eval_on_selector_all("#funding-table tbody tr", QUOTES_PER_ROW)
    assert parsed[1:] == [[*r[:4], " | ".join(q), r[5]] for r, q in zip(sorted_rows, shown_quotes, strict=True)]
    kinds = {"report": "report", "iati": "IATI data", "both": "report + IATI"}
    assert [r[5] for r in rows] == [kinds[d["source_kind"]] for d in direct]  # the source kind of each row


def test_path_view_between_two_connected_entities(page: Any, live: str) -> None:
    goto(page, live, "#/path", "path")
    page.fill("#path-source", "Government of Japan")
    page.fill("#path-target", "UNODC")
    page.click("form.pickers button[type=submit]")
    page.wait_for_selector("#path-results .path")
    direct = httpx.post(f"{live}/queries/path_between",
                        json={"source": "Government of Japan", "target": "UNODC"}).json()
    nodes = [n["name"] for n in direct["rows"][0]["nodes"]]
    assert page.locator(".path-node a").all_inner_texts() == nodes and len(nodes) >= 3
    steps = page.locator(".path-step")
    assert steps.count() == len(nodes) - 1
    for i in range(steps.count()):
        assert steps.nth(i).locator("q").count() >= 1


def test_add_a_report_with_a_key_and_see_it_in_the_document_view(page: Any, live: str, watch: PageWatch) -> None:
    watch.allow_http_error(403)
    goto(page, live, "#/add", "add")
    text = ("UNODC and the Government of Japan launched a dialogue in Gao, Mali, against drug trafficking and "
            "terrorism. The dialogue was implemented by UNODC in partnership with UNICRI.")
    page.fill("#up-text", text)
    page.fill("#up-title", "Gao dialogue note")
    page.fill("#up-key", "not-the-key")
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#upload-result .error")
    assert page.inner_text("#upload-result .error") == "403: the API key in X-API-Key is not valid"

    page.fill("#up-key", KEY)
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#open-document", timeout=180_000)  # the models load on the first report
    assert "Document created" in page.inner_text("#upload-result")
    page.click("#open-document")
    page.wait_for_selector("#view[data-rendered='document']")
    assert page.inner_text("h1") == "Gao dialogue note"
    assert page.locator(".sentence mark.type-Organization", has_text="UNODC").count() >= 1
    assert page.locator(".facts > li").count() >= 1

    doc_id = page.url.split("#/document/", 1)[1]
    page.once("dialog", lambda dialog: dialog.accept())  # "Retract …?" confirmation
    page.click("#retract")
    page.wait_for_selector("#retract-status .ok")
    assert httpx.get(f"{live}/documents/{doc_id}").status_code == 404


def test_unknown_entity_shows_the_api_detail(page: Any, live: str, watch: PageWatch) -> None:
    watch.allow_http_error(404)
    page.goto(f"{live}/#/entity/nobody-here")
    page.wait_for_selector(".error")
    assert page.inner_text(".error").startswith("404: no entity named 'nobody-here'")


def test_region_brief_has_the_funding_table_and_numbered_citations(page: Any, live: str) -> None:
    goto(page, live, "#/brief/region/Mali", "brief")
    refs = page.locator("#references li")
    assert refs.count() >= 1
    numbers = {int(t.strip("[]")) for t in page.locator("sup.cite-no").all_inner_texts()}
    assert numbers == set(range(1, refs.count() + 1))
    page.emulate_media(media="print")
    assert page.locator("header.top").is_hidden()


def test_narrow_screen_400px_has_no_sideways_scroll(narrow_page: Any, live: str) -> None:
    for hash_, rendered in (("#/entity/organization%3Aunodc", "entity"), ("#/funding?region=Mali", "funding"),
                            ("#/add", "add")):
        goto(narrow_page, live, hash_, rendered)
        width = narrow_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, (hash_, width)


def test_type_filter_narrows_the_suggestions(page: Any, live: str) -> None:
    goto(page, live, "", "home")
    page.select_option("#search-type", "Region")
    page.fill("#search-input", "ma")
    page.locator("#search-suggestions [role=option]").first.wait_for()
    badges = page.locator("#search-suggestions .badge").all_inner_texts()
    expected = api(live, "/entities", q="ma", type="Region", limit=8)["items"]
    assert badges == ["Region"] * len(expected) and len(expected) >= 2
    assert page.locator("#search-suggestions .opt-name").all_inner_texts() == [e["name"] for e in expected]


def test_two_hop_neighbourhood_is_capped_and_the_rest_counted(page: Any, live: str) -> None:
    # the sample's biggest 2-hop neighbourhood (UNODC, 75) is under the default cap of 100: cap it at 30
    goto(page, live, "#/entity/organization%3Aunodc?depth=2&max=30", "entity")
    graph = api(live, "/entities/organization:unodc/graph", depth=2, max_nodes=30)
    assert graph["more"] == graph["total_neighbours"] - 30 > 0
    assert page.evaluate("window.explorerGraph.nodes.length") == len(graph["nodes"]) == 31
    assert page.evaluate("window.explorerGraph.edges.length") == len(graph["edges"])
    assert page.inner_text(".more").startswith(f"{graph['more']} more not drawn")
    legend = page.locator(".legend-types li").all_inner_texts()
    assert set(legend) == {n["type"] for n in graph["nodes"]}
    full = api(live, "/entities/organization:unodc/graph", depth=2)
    assert full["more"] == 0  # under the default cap of 100: everything drawn, nothing counted
    goto(page, live, "#/entity/organization%3Aunodc?depth=2", "entity")
    assert page.evaluate("window.explorerGraph.nodes.length") == len(full["nodes"])
    assert page.locator(".more").count() == 0


def test_threat_nexus_view(page: Any, live: str) -> None:
    goto(page, live, "#/nexus", "nexus")
    page.select_option("#nexus-threat", "drug trafficking")
    page.click("form.pickers button[type=submit]")
    page.wait_for_selector("#nexus-table")
    direct = httpx.post(f"{live}/queries/threat_nexus", json={"threat": "drug trafficking"}).json()["rows"]
    assert [r[0] for r in table_cells(page, "#nexus-table")] == [r["linked"] for r in direct] and direct


def test_upload_a_file_then_the_same_file_again_is_unchanged(page: Any, live: str) -> None:
    goto(page, live, "#/add", "add")
    body = (b"INTERPOL and the European Union trained police officers in Niamey, Niger, against firearms "
            b"trafficking. The training was funded by the European Union.")
    page.set_input_files("#up-file", files=[{"name": "niamey-note.txt", "mimeType": "text/plain", "buffer": body}])
    page.fill("#up-key", KEY)
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#open-document", timeout=180_000)
    assert "Document created" in page.inner_text("#upload-result")
    doc_href = page.get_attribute("#open-document", "href")
    page.click("form.upload button[type=submit]")  # same bytes: same id, nothing written
    page.wait_for_selector("#upload-result h2:has-text('Document unchanged')")
    assert page.get_attribute("#open-document", "href") == doc_href
    page.click("#open-document")
    page.wait_for_selector("#view[data-rendered='document']")
    assert page.locator(".sentence mark.type-Region", has_text="Niamey").count() >= 1  # inside a project's name too
    assert {"European Union", "INTERPOL", "Niamey"} <= set(page.locator(".mentions li a").all_inner_texts())
