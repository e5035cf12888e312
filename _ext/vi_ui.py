"""Vietnamese for the theme's interface strings that have no Vietnamese catalogue.

sphinx-book-theme ships a Vietnamese catalogue, but pydata-sphinx-theme (its base)
and a few of Sphinx's own strings do not. This extension adds the missing strings
as the last fallback of those catalogues, so existing translations still win.
The search box text is set in _config.yml (html_theme_options.search_bar_text).

The search page's messages (heading, result count, "no result") come from the
JavaScript catalogue `translations.js`, where Sphinx's Vietnamese entries are
empty strings (shown as blank text). `_write_js_catalogue` writes a copy of
Sphinx's catalogue with `VI_JS` filled in, into the build's doctree folder, and
puts that folder first in `locale_dirs`, where Sphinx looks for `sphinx.js`.
Strings the templates hard-code in English are handled in vi_site.py.
"""

from __future__ import annotations

import hashlib

import json
import re
from gettext import NullTranslations
from pathlib import Path
from typing import Any

import sphinx
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import translators

VI: dict[str, str] = {
    "Skip to main content": "Chuyển đến nội dung chính",
    "Back to top": "Lên đầu trang",
    "Link to this heading": "Liên kết tới đề mục này",
    "Link to this definition": "Liên kết tới định nghĩa này",
    "Link to this code": "Liên kết tới đoạn mã này",
    "Link to this image": "Liên kết tới hình này",
    "Link to this table": "Liên kết tới bảng này",
    "next page": "trang sau",
    "previous page": "trang trước",
    "Next": "Sau",
    "Previous": "Trước",
    "Toggle primary sidebar": "Ẩn/hiện thanh điều hướng",
    "Toggle secondary sidebar": "Ẩn/hiện mục lục của trang",
    "Color mode": "Chế độ màu",
    "Light": "Sáng",
    "Dark": "Tối",
    "System Settings": "Theo hệ thống",
    "Version warning": "Cảnh báo phiên bản",
    "Site navigation": "Điều hướng trang web",
    "Section Navigation": "Điều hướng trong phần",
    "Source repositories": "Kho mã nguồn",
    "On this page": "Trên trang này",
    "Contents": "Nội dung",
    "Page": "Trang",
    "Main": "Chính",
    "Index": "Chỉ mục",
    "Search": "Tìm kiếm",
    "Launch on": "Mở trên",
    "Launch interactive content": "Chạy nội dung tương tác",
    "Repository": "Kho mã",
    "Open issue": "Báo lỗi",
    "By": "Tác giả",
    "Breadcrumb": "Đường dẫn",
    "Home": "Trang chủ",
    "Edit on": "Sửa trên",
    "Show source": "Xem mã nguồn trang",
    "Last updated on": "Cập nhật lần cuối",
    "Link to this term": "Liên kết tới thuật ngữ này",
    "© Copyright %(copyright)s.": "© Bản quyền %(copyright)s.",
    "Copyright %(copyright)s": "Bản quyền %(copyright)s",
}

# Messages of Sphinx's search page (searchtools.js, sphinx_highlight.js, search.html).
VI_JS: dict[str, str] = {
    "Search Results": "Kết quả tìm kiếm",
    "Searching": "Đang tìm",
    "Preparing search...": "Đang chuẩn bị tìm kiếm…",
    "Search finished, found ${resultCount} page(s) matching the search query.": (
        "Tìm xong: ${resultCount} trang khớp với từ khóa."
    ),
    "Your search did not match any documents. Please make sure that all words are spelled "
    "correctly and that you've selected enough categories.": (
        "Không tìm thấy trang nào. Hãy kiểm tra chính tả, hoặc thử ít từ hơn: "
        "trang kết quả phải chứa mọi từ bạn gõ (có dấu hay không dấu đều được)."
    ),
    "Hide Search Matches": "Ẩn các chỗ khớp",
    ", in ": ", trong ",
    "Search": "Tìm kiếm",
    "Search Page": "Trang tìm kiếm",
    "Quick search": "Tìm nhanh",
    "Index": "Chỉ mục",
    "Table of Contents": "Mục lục",
    "This Page": "Trang này",
    "Searching for multiple words only shows matches that contain\n    all words.": (
        "Khi tìm nhiều từ, chỉ các trang chứa đủ mọi từ mới hiện ra."
    ),
}
_JS_CATALOGUE = re.compile(r"^Documentation\.addTranslations\((.*)\);?\s*$", re.S)


class _Vietnamese(NullTranslations):
    def gettext(self, message: str) -> str:
        return VI.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return VI.get(singular if n == 1 else plural, singular if n == 1 else plural)


def _install(app: Sphinx) -> None:
    if app.config.language != "vi":
        return
    for key in (("general", "sphinx"), ("general", "booktheme")):
        translator = translators.get(key)
        if translator is not None:
            translator.add_fallback(_Vietnamese())


def _write_js_catalogue(app: Sphinx, config: Config) -> None:
    if config.language != "vi":
        return
    shipped = Path(sphinx.package_dir) / "locale" / "vi" / "LC_MESSAGES" / "sphinx.js"
    match = _JS_CATALOGUE.match(shipped.read_text(encoding="utf-8"))
    if match is None:
        raise RuntimeError(f"vi_ui: unexpected format of {shipped}")
    catalogue = json.loads(match.group(1))
    messages = catalogue.setdefault("messages", {})
    for english, vietnamese in VI_JS.items():
        if not messages.get(english):
            messages[english] = vietnamese
    locale_dir = Path(app.doctreedir) / "vi_locale"
    target = locale_dir / "vi" / "LC_MESSAGES" / "sphinx.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "Documentation.addTranslations(" + json.dumps(catalogue, ensure_ascii=False, indent=1) + ");\n",
        encoding="utf-8",
    )
    config.locale_dirs = [str(locale_dir)] + list(config.locale_dirs)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _write_js_catalogue)
    app.connect("builder-inited", _install)
    # A change to this file re-reads every page (Sphinx keeps doctrees between builds).
    version = int(hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8], 16)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": version}
