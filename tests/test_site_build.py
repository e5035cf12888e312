"""The site build (./scripts/build.sh), shared by the site tests.

`built_site()` returns _build/html, building it first when it is missing or older
than any of its sources, so the site tests never look at a stale site whatever
order the suite runs in. The tests here check the build itself: zero warnings
(build.sh uses -W), within the 60 s budget, no source maps, the assets we ship.
"""

from __future__ import annotations

import functools
import subprocess
import time
from pathlib import Path

import pytest

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
def build_log() -> tuple[str, float | None]:
    """Build the site if needed; (build output, seconds) or ("", None) if it was fresh."""
    if not is_stale():
        return "", None
    start = time.monotonic()
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build.sh")], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    seconds = time.monotonic() - start
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"scripts/build.sh failed (exit {result.returncode}):\n{output[-4000:]}"
    return output, seconds


def built_site() -> Path:
    build_log()
    assert (HTML / "index.html").is_file(), "no _build/html/index.html after the build"
    return HTML


def pages(html: Path) -> list[Path]:
    """The site's HTML pages (not the theme's template files copied into _static)."""
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.relative_to(html).parts)


def test_build_is_clean_and_within_budget():
    output, seconds = build_log()
    if seconds is None:
        pytest.skip("the site was already built from the current sources (nothing to time)")
    assert "WARNING" not in output and "ERROR" not in output, output[-4000:]
    assert seconds <= BUILD_BUDGET_S, f"site build took {seconds:.0f} s (budget {BUILD_BUDGET_S:.0f} s)"


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
