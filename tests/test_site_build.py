"""The site build (./scripts/build.sh), shared by the site tests.

`built_site()` returns _build/html, building it first when it is missing or older
than any of its sources, so the site tests never look at a stale site whatever
order the suite runs in (.ci/run builds first). The tests here check the build
itself: zero warnings (build.sh uses -W) and within the 60 s budget (from the log
and times build.sh leaves in _build/), no source maps, the assets we ship, and
no English interface strings left.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
STAMP = HTML / ".buildinfo"
BUILD_BUDGET_S = 60.0

# What the site is built from.
SOURCE_GLOBS = (
    "_config.yml", "_toc.yml", "references.bib", "chapters/*.ipynb", "exercises/*.ipynb",
    "solutions/*.ipynb", "reference/*.md", "_ext/*.py", "_static/**/*",
)


def _newest_source() -> float:
    return max(p.stat().st_mtime for pattern in SOURCE_GLOBS for p in ROOT.glob(pattern) if p.is_file())


def is_stale() -> bool:
    return not STAMP.is_file() or STAMP.stat().st_mtime < _newest_source()


@functools.cache
def ensure_built() -> None:
    """Run scripts/build.sh if the site is missing or older than its sources."""
    if not is_stale():
        return
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build.sh")], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"scripts/build.sh failed (exit {result.returncode}):\n{output[-4000:]}"


def built_site() -> Path:
    ensure_built()
    assert (HTML / "index.html").is_file(), "no _build/html/index.html after the build"
    return HTML


def pages(html: Path) -> list[Path]:
    """The site's HTML pages (not the theme's template files copied into _static)."""
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.relative_to(html).parts)


def test_build_is_clean_and_within_budget():
    """The last build (scripts/build.sh writes its log and duration under _build/)."""
    built_site()
    log = (ROOT / "_build" / "build.log").read_text(encoding="utf-8")
    wall, user, system = map(float, (ROOT / "_build" / "build-time.txt").read_text().split())
    assert "build succeeded" in log, log[-3000:]
    assert "WARNING" not in log and "ERROR" not in log, log[-3000:]
    # CPU time, not wall time: on the shared 2-core machine the wall time also
    # counts whatever else runs (an idle machine takes about the CPU time).
    assert user + system <= BUILD_BUDGET_S, (
        f"the site build used {user + system:.0f} s of CPU ({wall:.0f} s wall; budget {BUILD_BUDGET_S:.0f} s)"
    )


def test_no_source_maps_and_no_theme_icon_script():
    html = built_site()
    maps = sorted(str(p.relative_to(html)) for p in html.rglob("*.map"))
    assert maps == [], f"source maps shipped: {maps}"
    mentions = [
        str(p.relative_to(html)) for p in (html / "_static").rglob("*.js")
        if "sourceMappingURL=" in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert mentions == [], f"scripts still point to source maps: {mentions}"
    for page in pages(html):
        text = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in text, f"{page.relative_to(html)} loads the 1.5 MB icon script"
        assert "sphinx-thebe" not in text and "THEBE_JS_URL" not in text, f"{page.relative_to(html)} loads thebe"


def test_shipped_assets_and_licenses():
    html = built_site()
    static = html / "_static"
    fonts = sorted(p.name for p in (static / "fonts" / "jetbrains-mono").glob("*.woff2"))
    assert "jetbrains-mono-vietnamese-400-normal.woff2" in fonts, fonts
    assert "SIL OPEN FONT LICENSE" in (static / "fonts" / "jetbrains-mono" / "OFL.txt").read_text().upper()
    assert "Apache License" in (static / "mathjax" / "LICENSE").read_text()
    for component in ("startup.js", "core.js", "input/tex.js", "output/chtml.js", "output/chtml/fonts/tex.js"):
        assert (static / "mathjax" / component).is_file(), f"MathJax component missing: {component}"
    assert (static / "favicon.svg").is_file()
    for page in pages(html):
        text = page.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in text and "unpkg.com" not in text and "cdnjs" not in text, (
            f"{page.relative_to(html)} loads something from a CDN"
        )


# Interface strings the themes show in English unless the site translates them.
ENGLISH_UI = (
    "Toggle primary sidebar", "Toggle secondary sidebar", "Toggle hidden content", "Show code cell",
    "Hide code cell", "Link to this term", "Link to this heading", "© Copyright", "Colab logo",
    "Your%20issue%20content", "Issue%20on%20page", 'aria-label="Main"', 'aria-label="Page"',
)


def test_no_english_interface_strings():
    html = built_site()
    for page in pages(html):
        text = page.read_text(encoding="utf-8")
        found = [s for s in ENGLISH_UI if s in text]
        assert found == [], f"{page.relative_to(html)} still shows {found}"
    catalogue = (html / "_static" / "translations.js").read_text(encoding="utf-8")
    for message in ("Kết quả tìm kiếm", "Tìm xong: ${resultCount} trang", "Không tìm thấy trang nào"):
        assert message in catalogue, f"translations.js lacks {message!r}"
