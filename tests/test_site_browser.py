"""The built site in a real browser: headless Chromium (Debian's `chromium`,
installed by scripts/setup_env.sh) driven by Playwright for Python, at desktop
(1280 px) and phone (390x844) sizes, over a local HTTP server.

Checked: the menu and page-outline buttons open, one search box, search with and
without tone marks (same pages, same order, expected page first, the matching
sentence quoted), Vietnamese in code blocks drawn with the shipped font, the
solution banner, offline math, figure alt text, no console error, no missing
local file, and the first page's weight. Screenshots go to _build/screenshots/.

Requests to other hosts (the Colab badge image) are answered locally with an
empty image: the tests run offline, and what the site loads from elsewhere is
listed by test_only_known_external_resources.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socketserver
import threading
import unicodedata
from pathlib import Path
from typing import Iterator

import pytest

from tests.test_site_build import ROOT, built_site

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements.txt)")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
SHOTS = ROOT / "_build" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
FIRST_LOAD_BUDGET = 1_500_000  # bytes, uncompressed
# External resources the pages may ask for (the tests answer them locally).
KNOWN_EXTERNAL = ("https://colab.research.google.com/assets/colab-badge.svg",)
EMPTY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="117" height="20"/>'
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]

if CHROMIUM is None:
    pytest.skip(
        "no chromium on PATH: scripts/setup_env.sh installs Debian's chromium when it runs as root; "
        "run `apt-get install chromium` and re-run",
        allow_module_level=True,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    html = built_site()
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(html)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Visit:
    """One page in one browser tab, with what it logged and fetched."""

    def __init__(self, browser, base_url: str, viewport: dict[str, int]):
        self.base_url = base_url
        self.context = browser.new_context(viewport=viewport, service_workers="block")
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.missing: list[str] = []
        self.external: list[str] = []
        self.bytes = 0
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)
        self.context.route(lambda url: not url.startswith(base_url), self._external)

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"{message.text} @ {message.location.get('url', '')}")

    def _failed(self, request) -> None:
        # ERR_ABORTED: the test moved on to the next page while this was loading.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.missing.append(f"{request.url} ({request.failure})")

    def _external(self, route) -> None:
        self.external.append(route.request.url)
        route.fulfill(status=200, content_type="image/svg+xml", body=EMPTY_SVG)

    def _response(self, response) -> None:
        if not response.url.startswith(self.base_url):
            return
        if response.status >= 400:
            self.missing.append(f"{response.url} (HTTP {response.status})")
        self.bytes += int(response.headers.get("content-length", 0))

    def open(self, path: str, wait: str = "load"):
        self.page.goto(self.base_url + path, wait_until=wait)
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, base_url):
    opened: list[Visit] = []

    def open_visit(viewport: dict[str, int] = DESKTOP) -> Visit:
        v = Visit(browser, base_url, viewport)
        opened.append(v)
        return v

    yield open_visit
    for v in opened:
        v.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def fold(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M"))
    return bare.replace("đ", "d").replace("Đ", "D").lower()


# ------------------------------------------------------------------ navigation


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_menu_and_page_outline_open(visit, size):
    viewport = DESKTOP if size == "desktop" else PHONE
    v = visit(viewport)
    page = v.open("chapters/01_truu_tuong_ro_ri.html")
    menu = page.locator("button.primary-toggle:visible")
    assert menu.count() == 1, f"{size}: expected one visible menu button, found {menu.count()}"
    # the book's table of contents (on a phone the theme moves it into a dialog)
    toc_link = page.locator("nav.bd-docs-nav a[href*='02_that_bai_am_tham']").filter(visible=True)
    if size == "phone":
        assert toc_link.count() == 0, "phone: the book's table of contents shows before the menu is opened"
        menu.click()
        toc_link.first.wait_for(state="visible", timeout=3000)
        shot(page, "phone-menu-open")
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        assert toc_link.count() == 0, "phone: Escape does not close the menu"
    else:
        assert toc_link.count() == 1, "desktop: the book's table of contents is not shown"
        shot(page, "desktop-chapter01")
        menu.click()
        page.wait_for_timeout(400)
        assert toc_link.count() == 0, "desktop: the menu button does not hide the table of contents"
        menu.click()
        toc_link.first.wait_for(state="visible", timeout=3000)

    outline = page.locator("button.secondary-toggle:visible")
    outline_link = page.locator(".bd-sidebar-secondary a.nav-link").first
    if size == "phone":
        assert outline.count() == 1, "phone: no visible 'on this page' button"
        page.reload(wait_until="networkidle")
        assert not outline_link.is_visible()
        page.locator("button.secondary-toggle:visible").click()
        outline_link.wait_for(state="visible", timeout=3000)
        shot(page, "phone-outline-open")
    else:
        assert outline_link.is_visible(), "desktop: the page outline is not shown"
    assert v.errors == [], v.errors


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_one_search_box(visit, size):
    v = visit(DESKTOP if size == "desktop" else PHONE)
    page = v.open("chapters/00_gioi_thieu.html")
    fields = page.locator("form.bd-search:visible, button.search-button-field:visible, button.search-button:visible")
    assert fields.count() == 1, f"{size}: {fields.count()} search boxes/buttons visible"
    fields.first.click()
    box = page.locator("input[name='q']:visible")
    box.first.wait_for(timeout=3000)
    box.first.fill("rò rỉ")
    box.first.press("Enter")
    page.wait_for_url("**/search.html?q=*", timeout=5000)
    page.locator("#search-results ul.search li").first.wait_for(timeout=10000)


# ------------------------------------------------------------------ search

# Query with tone marks, the same typed without, and the page that must come
# first: a fixed page where one is right whatever else the book adds (the
# glossary's entry for a term, the chapter named after the words), else None:
# then the first page must use the phrase itself, tone marks included.
SEARCHES = [
    ("điều chuẩn", "dieu chuan", None),
    ("rò rỉ", "ro ri", "chapters/01_truu_tuong_ro_ri.html"),
    ("mất mát", "mat mat", "reference/thuat_ngu.html#term-mat-mat-loss"),
    ("quá khớp", "qua khop", None),
]


def run_search(v: Visit, query: str) -> list[dict[str, str]]:
    page = v.open(f"search.html?q={query}", wait="load")
    page.wait_for_function(
        "() => document.querySelector('#search-results p.search-summary')?.innerText.length > 0", timeout=15000
    )
    page.wait_for_timeout(300)  # summaries of the listed pages arrive one by one
    return page.evaluate(
        """() => [...document.querySelectorAll('#search-results ul.search > li')].map(li => ({
            href: li.querySelector('a').getAttribute('href'),
            title: li.querySelector('a').innerText,
            snippet: (li.querySelector('p.context') || {innerText: ''}).innerText,
        }))"""
    )


@pytest.mark.parametrize(("marked", "bare", "expected"), SEARCHES, ids=[s[1] for s in SEARCHES])
def test_search_without_tone_marks_matches_search_with_them(visit, marked, bare, expected):
    v = visit()
    with_marks = run_search(v, marked)
    without = run_search(v, bare)
    assert with_marks, f"no result for {marked!r}"
    assert [r["href"] for r in without] == [r["href"] for r in with_marks], (
        f"{bare!r} and {marked!r} list different pages or orders"
    )
    assert [r["title"] for r in without] == [r["title"] for r in with_marks]
    first = without[0]["href"]
    if expected is not None:
        assert first == expected, [r["href"] for r in without[:5]]
    else:
        page_text = (built_site() / first.split("#")[0]).read_text(encoding="utf-8")
        assert marked in unicodedata.normalize("NFC", page_text).lower(), f"{first} does not use {marked!r}"
    # the first result quotes the text where the words occur, tone marks included
    snippet = without[0]["snippet"]
    assert all(word in fold(snippet) for word in bare.split()), snippet
    assert any(word in snippet.lower() for word in marked.split()), snippet
    page = v.page
    assert page.locator("#search-results h2").is_visible(), "the result heading is hidden"
    heading = page.locator("#search-results h2").inner_text()
    summary = page.locator("#search-results p.search-summary").inner_text()
    assert heading == "Kết quả tìm kiếm", heading
    assert summary.startswith("Tìm xong:") and str(len(without)) in summary, summary
    if bare == "dieu chuan":
        shot(page, "desktop-search-dieu-chuan")
    assert v.errors == [], v.errors


def test_english_term_and_no_result_message(visit):
    v = visit(PHONE)
    results = run_search(v, "softmax")
    assert results, "no result for 'softmax'"
    assert results[0]["href"] == "reference/thuat_ngu.html#term-softmax", [r["href"] for r in results[:5]]
    assert any("softmax" in r["snippet"].lower() for r in results[:3]), results[:3]
    shot(v.page, "phone-search-softmax")
    none = run_search(v, "zzzkhongcotu")
    assert none == []
    status = v.page.locator("#search-results p.search-summary").inner_text()
    assert status.startswith("Không tìm thấy trang nào"), status
    assert v.errors == [], v.errors


# ------------------------------------------------------------------ rendering


def _fonts_for(page, selector: str) -> list[dict]:
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})
    node = session.send("DOM.querySelector", {"nodeId": root["root"]["nodeId"], "selector": selector})
    assert node["nodeId"], f"nothing matches {selector}"
    return session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_vietnamese_in_code_uses_shipped_font(visit, size):
    v = visit(DESKTOP if size == "desktop" else PHONE)
    page = v.open("chapters/01_truu_tuong_ro_ri.html")
    # a code comment with letters DejaVu Sans Mono lacks (ố, ả, ế, ...)
    target = page.locator("div.cell_input pre span.c1", has_text="ỉ").first
    target.scroll_into_view_if_needed()
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(300)
    page.evaluate(
        "el => el.setAttribute('data-font-probe', '1')",
        target.element_handle(),
    )
    fonts = _fonts_for(page, "[data-font-probe='1']")
    names = {f["familyName"] for f in fonts}
    assert names == {"JetBrains Mono"}, f"{size}: code comment drawn with {fonts}"
    assert all(f["isCustomFont"] for f in fonts), fonts
    if size == "phone":
        target.evaluate("el => { el.closest('pre').scrollLeft = 0; }")
        shot(page, "phone-code-vietnamese")
    copy = page.locator("button.copybtn").first
    assert copy.get_attribute("data-tooltip") == "Sao chép", copy.get_attribute("data-tooltip")


def test_solution_pages_carry_the_banner(visit, base_url):
    v = visit(PHONE)
    solutions = sorted(p.stem for p in (ROOT / "solutions").glob("lab*.ipynb"))
    assert solutions
    for name in solutions:
        response = v.page.goto(v.base_url + f"solutions/{name}.html", wait_until="load")
        assert response.ok, f"solutions/{name}.html is not on the site (is it in _toc.yml?)"
        page = v.page
        banner = page.locator("blockquote.vi-solution-banner")
        assert banner.count() == 1, f"solutions/{name}: no banner"
        assert banner.is_visible()
        assert banner.inner_text().startswith("⚠") or "Lời giải — hãy tự làm bài trước" in banner.inner_text()
        color = banner.evaluate("el => getComputedStyle(el).backgroundColor")
        assert color not in ("rgba(0, 0, 0, 0)", "transparent"), f"solutions/{name}: banner has no background"
        if name == solutions[0]:
            shot(page, "phone-solution-banner")
    for name in sorted(p.stem for p in (ROOT / "exercises").glob("lab*.ipynb")):
        page = v.open(f"exercises/{name}.html")
        assert page.locator("blockquote.vi-solution-banner").count() == 0, f"exercises/{name} carries the banner"
    assert v.errors == [], v.errors


def test_math_typesets_offline(visit):
    v = visit()
    page = v.open("chapters/01_truu_tuong_ro_ri.html")
    formula = page.locator("span.math").first
    formula.scroll_into_view_if_needed()
    page.locator("mjx-container").first.wait_for(state="attached", timeout=15000)
    assert page.locator("span.math mjx-container, div.math mjx-container").count() > 0
    page.locator("div.math mjx-container").first.scroll_into_view_if_needed()
    shot(page, "desktop-math")
    assert v.errors == [] and v.missing == [], (v.errors, v.missing)
    assert all(url in KNOWN_EXTERNAL for url in v.external), v.external


# ------------------------------------------------------------------ every page


def _site_pages() -> list[str]:
    html = built_site()
    return sorted(
        str(p.relative_to(html)) for p in html.rglob("*.html")
        if "_static" not in p.relative_to(html).parts
        and str(p.relative_to(html)) not in ("genindex.html", "index.html")  # index.html only redirects
    )


def test_every_page_loads_cleanly(visit):
    v = visit()
    for path in _site_pages():
        page = v.open(path, wait="load")
        page.wait_for_timeout(50)
        images = page.evaluate(
            "() => [...document.querySelectorAll('main img')].map(i => [i.getAttribute('alt') || '', i.src])"
        )
        for alt, src in images:
            assert alt.strip(), f"{path}: image without alt text: {src}"
            if src.startswith(v.base_url):  # lazy images may not have loaded yet
                assert page.request.get(src).ok, f"{path}: missing image {src}"
            assert not alt.endswith((".png", ".svg", ".jpg")) and "_images/" not in alt, f"{path}: alt is a path: {alt}"
    assert v.errors == [], v.errors
    assert v.missing == [], v.missing
    assert all(url in KNOWN_EXTERNAL for url in v.external), sorted(set(v.external))


def test_first_load_weight_and_favicon(visit):
    v = visit()
    page = v.open("index.html", wait="networkidle")
    assert page.url.endswith("chapters/00_gioi_thieu.html"), page.url
    assert v.bytes <= FIRST_LOAD_BUDGET, f"first load is {v.bytes / 1e6:.2f} MB (budget 1.5 MB)"
    icon = page.locator("link[rel='icon']").get_attribute("href")
    assert icon and icon.endswith("favicon.svg"), icon
    response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + icon)
    assert response.ok, f"favicon {icon}: HTTP {response.status}"
    shot(page, "desktop-home")
    assert v.errors == [] and v.missing == [], (v.errors, v.missing)


def test_widget_shows_static_figure_and_a_note(visit):
    v = visit()
    page = v.open("chapters/01_truu_tuong_ro_ri.html")
    assert page.locator("script[type='application/vnd.jupyter.widget-view+json']").count() == 0
    note = page.locator("p.vi-widget-note")
    assert note.count() >= 1
    assert "Jupyter hoặc Colab" in note.first.inner_text()
    assert page.locator("img[alt*='Kích hoạt tầng ẩn cuối']").count() >= 1, "the static saturation figure is missing"
    assert v.errors == [], v.errors
