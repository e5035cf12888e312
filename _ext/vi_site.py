"""Site-level fixes for the book: assets shipped with the site, figure alt text,
solution banner, static widget, Vietnamese strings the templates hard-code, and
lighter pages. Everything here runs during `jupyter-book build`; nothing in
_build/ is edited by hand.

What it does, and why (issue 10):

* **Shipped assets** (repository folder ``_static/``, added to
  ``html_static_path``): the JetBrains Mono font (Vietnamese subset included) for
  code and outputs, the site's CSS, a favicon, the copy-button strings in
  Vietnamese, and a cut-down MathJax 3 (startup, core, TeX input, CHTML output,
  the assistive-MathML module; no context menu) served from the site itself.
* **MathJax** is loaded by ``_static/vi_mathjax.js`` only when a formula comes
  within 200 px of the screen, so a page whose first screen has no math does
  not download it (about 0.75 MB).
* **Figure alt text** (`doctree-read`): a notebook figure gets the Vietnamese
  title(s) its cell gives matplotlib (``set_title``/``title``/``suptitle``,
  ``ax.set(title=...)``), read from the notebook's code with ``ast``, following
  loop variables, function parameters and plotting functions defined in other
  cells; with no title found, "Hình trong mục «section»". A cell's own
  ``mystnb.image.alt`` metadata still wins.
* **Solution banner**: the block quote that starts with
  ``**Lời giải — hãy tự làm bài trước.**`` (the title rule in CONTRIBUTING)
  gets the class ``vi-solution-banner``, styled in ``_static/vi_site.css``.
* **Widgets**: an ipywidgets output does nothing on a static page, so it is
  replaced by a one-line note; the notebook's static figure stays. The widget
  JavaScript is not loaded (``nb_ipywidgets_js: {}`` in _config.yml).
* **Template strings** the themes hard-code in English (no catalogue can reach
  them) are replaced in each rendered page (``_PAGE_STRINGS``).
* **Lighter pages**: no Font Awesome JavaScript (1.5 MB; the theme's CSS already
  draws the same icons with its web fonts), no search index on pages other
  than the search page (the theme loads it for search-as-you-type, which is
  off), figures loaded lazily (``loading="lazy"``), no thebe (no Binder here;
  its script raised an error on every page), and no source maps in the output.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import urllib.parse
from pathlib import Path
from typing import Any, Iterable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC = HERE.parent / "_static"

BANNER_START = "Lời giải — hãy tự làm bài trước"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = (
    "Điều khiển tương tác của ô này chỉ chạy khi mở notebook trong Jupyter hoặc Colab; "
    "trang web chỉ hiện hình tĩnh."
)

# English strings hard-coded in the theme templates (no message catalogue covers
# them), as they appear in the rendered HTML, and their Vietnamese.
_PAGE_STRINGS = {
    'title="Toggle primary sidebar"': 'title="Ẩn/hiện mục lục của sách"',
    'title="Toggle secondary sidebar"': 'title="Ẩn/hiện mục lục của trang"',
    'aria-label="Toggle primary sidebar"': 'aria-label="Ẩn/hiện mục lục của sách"',
    'aria-label="Toggle secondary sidebar"': 'aria-label="Ẩn/hiện mục lục của trang"',
    'aria-label="Main"': 'aria-label="Mục lục của sách"',
    'aria-label="Page"': 'aria-label="Trang"',
    'alt="Colab logo"': 'alt="Biểu trưng Colab"',
    'aria-label="Toggle hidden content"': 'aria-label="Ẩn/hiện nội dung"',
}
_ISSUE_ENGLISH = re.compile(r"title=Issue%20on%20page%20%2F([^&\"]*)&(?:amp;)?body=Your%20issue%20content%20here\.")
_BOOK_IMAGE = re.compile(r'<img (?=[^>]*src="[^"]*_images/)')
_FONTAWESOME_JS = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
_SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>'
)


# ---------------------------------------------------------------- figure titles

_TITLE_METHODS = {"set_title", "title", "suptitle"}


def _parse(source: str) -> ast.Module | None:
    # IPython magics and shell escapes are not Python.
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def _const_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = [v.value if isinstance(v, ast.Constant) else "…" for v in node.values]
        # a placeholder at the very start reads badly ("…: std"): drop it
        text = re.sub(r"^…[\s:,;–—-]*", "", "".join(str(p) for p in parts))
        return text if text.replace("…", "").strip(" :,-") else None
    return None


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def _loop_values(name: str, tree: ast.AST) -> list[str]:
    """Strings a loop variable takes: `for ax, t in zip(axes, ["a", "b"])` or over a literal list."""
    found: list[str] = []
    for loop in ast.walk(tree):
        if not isinstance(loop, (ast.For, ast.comprehension)):
            continue
        target = loop.target
        names = [target] if isinstance(target, ast.Name) else list(getattr(target, "elts", []))
        positions = [i for i, t in enumerate(names) if isinstance(t, ast.Name) and t.id == name]
        if not positions:
            continue
        pos = positions[0]
        iterable = loop.iter
        if isinstance(iterable, ast.Call) and getattr(iterable.func, "id", "") == "zip" and pos < len(iterable.args):
            seq = iterable.args[pos]
            if isinstance(seq, (ast.List, ast.Tuple)):
                found += [t for t in map(_const_text, seq.elts) if t]
        elif isinstance(iterable, (ast.List, ast.Tuple)):
            for element in iterable.elts:
                if isinstance(target, ast.Name):
                    text = _const_text(element)
                elif isinstance(element, (ast.Tuple, ast.List)) and pos < len(element.elts):
                    text = _const_text(element.elts[pos])
                else:
                    text = None
                if text:
                    found.append(text)
    return found


class _Titles:
    """Title strings a notebook cell gives its figures, one group per figure when known."""

    def __init__(self, cells: list[str]):
        self.trees = [_parse(source) for source in cells]
        self.functions: dict[str, ast.FunctionDef] = {}
        for tree in self.trees:
            for node in ast.walk(tree) if tree else ():
                if isinstance(node, ast.FunctionDef):
                    self.functions[node.name] = node

    def _title_args(self, tree: ast.AST) -> list[tuple[ast.Call, ast.AST, bool]]:
        """(call, title expression, is_figure_title) for every title call in tree."""
        out = []
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
                continue
            if call.func.attr in _TITLE_METHODS and call.args:
                out.append((call, call.args[0], call.func.attr == "suptitle"))
            for keyword in call.keywords:
                if call.func.attr == "set" and keyword.arg == "title":
                    out.append((call, keyword.value, False))
        return out

    def _resolve(self, expr: ast.AST, scope: ast.AST, bindings: dict[str, list[str]]) -> list[str]:
        text = _const_text(expr)
        if text:
            return [text]
        if isinstance(expr, ast.Name):
            if expr.id in bindings:
                return bindings[expr.id]
            return _loop_values(expr.id, scope)
        return []

    def _in_tree(self, tree: ast.AST, bindings: dict[str, list[str]]) -> tuple[list[str], list[str]]:
        figure, axes = [], []
        for _call, expr, is_figure in self._title_args(tree):
            (figure if is_figure else axes).extend(self._resolve(expr, tree, bindings))
        return figure, axes

    def _call_bindings(self, call: ast.Call, function: ast.FunctionDef, scope: ast.AST) -> dict[str, list[str]]:
        params = [a.arg for a in function.args.args]
        bound: dict[str, list[str]] = {}
        for name, value in list(zip(params, call.args)) + [(k.arg, k.value) for k in call.keywords if k.arg]:
            texts = self._resolve(value, scope, {})
            if texts:
                bound[name] = texts
        return bound

    def groups(self, index: int) -> list[list[str]]:
        tree = self.trees[index] if 0 <= index < len(self.trees) else None
        if tree is None:
            return []
        defined_here = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        groups: list[list[str]] = []
        # Plotting functions of the notebook called from this cell: one figure per call.
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in self.functions:
                function = self.functions[call.func.id]
                figure, axes = self._in_tree(function, self._call_bindings(call, function, tree))
                if figure or axes:
                    groups.append(_pick(figure, axes))
        # Titles set directly in this cell, outside its own plotting functions.
        body = ast.Module(
            body=[s for s in tree.body if not (isinstance(s, ast.FunctionDef) and s.name in defined_here)],
            type_ignores=[],
        )
        figure, axes = self._in_tree(body, {})
        if figure or axes:
            groups.insert(0, _pick(figure, axes))
        return [g for g in groups if g]


def _pick(figure: list[str], axes: list[str]) -> list[str]:
    """The figure's own title first; panel titles after it, not more than four."""
    seen: list[str] = []
    for text in figure + axes:
        text = " ".join(text.split())
        if text and text not in seen:
            seen.append(text)
    # Per-panel labels such as f"nhãn {label}" say little once their value is gone.
    telling = [t for t in seen if len(t.replace("…", " ").split()) >= 2]
    seen = telling or seen
    if figure:
        seen = seen[: 1 + 4]
    return seen[:5]


def _alt_from(titles: list[str]) -> str:
    return "Hình: " + "; ".join(titles)


def _section_title(node: nodes.Node) -> str:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and parent.children and isinstance(parent[0], nodes.title):
            return parent[0].astext()
        parent = parent.parent
    return ""


def _notebook_cells(app: Sphinx, docname: str) -> list[str] | None:
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".ipynb":
        return None
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        cells.append(source if cell.get("cell_type") == "code" else "")
    return cells


def _is_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == "cell_code"


def _set_alt_text(app: Sphinx, doctree: nodes.document) -> None:
    cells = _notebook_cells(app, app.env.docname)
    if cells is None:
        return
    titles = _Titles(cells)
    for cell in doctree.findall(_is_cell):
        images = [
            img for img in cell.findall(nodes.image)
            if not img.get("alt") or img.get("alt") == img.get("uri")
        ]
        if not images:
            continue
        metadata = cell.get("cell_metadata") or {}
        given = ((metadata.get("mystnb") or {}).get("image") or {}).get("alt")
        if given:
            for img in images:
                img["alt"] = given
            continue
        groups = titles.groups(int(cell.get("cell_index", -1)))
        for number, img in enumerate(images):
            if len(groups) == len(images):
                alt = _alt_from(groups[number])
            elif groups:
                alt = _alt_from([t for g in groups for t in g][:5])
            else:
                section = _section_title(cell)
                alt = f"Hình trong mục «{section}»" if section else "Hình kết quả của ô mã"
            img["alt"] = alt


# ---------------------------------------------------------------- banner, widgets


def _mark_solution_banner(doctree: nodes.document) -> None:
    for quote in doctree.findall(nodes.block_quote):
        first = quote.children[0] if quote.children else None
        if isinstance(first, nodes.paragraph) and first.astext().startswith(BANNER_START):
            lead = [c for c in first.children if not (isinstance(c, nodes.Text) and not c.strip())]
            if lead and isinstance(lead[0], nodes.strong):
                quote["classes"].append("vi-solution-banner")


def _replace_widgets(doctree: nodes.document) -> None:
    bundles = [
        bundle for bundle in doctree.findall(nodes.container)
        if bundle.get("nb_element") == "mime_bundle"
        and any(isinstance(c, nodes.Element) and c.get("mime_type") == WIDGET_MIME for c in bundle.children)
    ]
    for bundle in bundles:
        note = nodes.paragraph(text=WIDGET_NOTE, classes=["vi-widget-note"])
        bundle.replace_self(note)


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    _mark_solution_banner(doctree)
    _replace_widgets(doctree)
    _set_alt_text(app, doctree)


# ---------------------------------------------------------------- pages


def _drop_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """No thebe (nothing launches it here), and no duplicated inline scripts."""
    kept, seen = [], set()
    for script in context.get("script_files", []):
        name = str(script.filename or "")
        body = str(script.attributes.get("body", ""))
        if "sphinx-thebe" in name or "THEBE_JS_URL" in body:
            continue
        key = (name, body)
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    context["script_files"] = kept
    context["css_files"] = [c for c in context.get("css_files", []) if "sphinx-thebe" not in str(c.filename)]


def _rewrite_page(html: str, pagename: str) -> str:
    for english, vietnamese in _PAGE_STRINGS.items():
        html = html.replace(english, vietnamese)
    title = urllib.parse.quote("Góp ý cho trang ")
    body = urllib.parse.quote("Mô tả vấn đề hoặc góp ý của bạn ở đây.")
    html = _ISSUE_ENGLISH.sub(lambda m: f"title={title}%2F{m.group(1)}&body={body}", html)
    html = _FONTAWESOME_JS.sub("", html)
    # Figures below the first screen load when the reader scrolls to them.
    html = _BOOK_IMAGE.sub('<img loading="lazy" ', html)
    if pagename != "search":
        html = _SEARCH_SCRIPTS.sub("", html)
    return html


def _wrap_render(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    templates = app.builder.templates
    render = templates.render

    def render_and_rewrite(template: str, context: dict) -> str:
        return _rewrite_page(render(template, context), context.get("pagename", ""))

    templates.render = render_and_rewrite


def _strip_source_maps(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    for source_map in static.rglob("*.map"):
        source_map.unlink()
    for script in list(static.rglob("*.js")) + list(static.rglob("*.css")):
        text = script.read_text(encoding="utf-8", errors="surrogateescape")
        cleaned = re.sub(r"\n?/[/*][#@] sourceMappingURL=[^\n]*", "", text)
        if cleaned != text:
            script.write_text(cleaned, encoding="utf-8", errors="surrogateescape")


def _name(entry: Any) -> str:
    return entry[0] if isinstance(entry, (tuple, list)) else str(entry)


def _is_ours(path: str, confdir: Path) -> bool:
    return (confdir / path).resolve() == STATIC


def _configure(app: Sphinx, config: Any) -> None:
    confdir = Path(app.confdir)
    config.html_static_path = [str(STATIC)] + [p for p in config.html_static_path if not _is_ours(p, confdir)]
    # Jupyter Book adds every .css/.js found under _static/ to every page; this
    # extension adds its own files itself (MathJax's components must not load
    # eagerly, and vi_search.js belongs to the search page only).
    config.html_css_files = [f for f in config.html_css_files if not (STATIC / _name(f)).is_file()]
    config.html_js_files = [f for f in config.html_js_files if not (STATIC / _name(f)).is_file()]
    config.html_favicon = str(STATIC / "favicon.svg")
    # MathJax from the site itself; vi_mathjax.js loads it when a formula is near.
    config.mathjax_path = "vi_mathjax.js"


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _wrap_render)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("html-page-context", _drop_assets, priority=900)
    app.connect("build-finished", _strip_source_maps)
    app.add_css_file("vi_site.css")
    app.add_js_file("vi_ui.js")
    # A change to this file re-reads every page (Sphinx keeps doctrees between builds).
    version = int(hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8], 16)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": version}


__all__: Iterable[str] = ["setup"]
