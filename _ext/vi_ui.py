"""Vietnamese for the theme's interface strings that have no Vietnamese catalogue.

sphinx-book-theme ships a Vietnamese catalogue, but pydata-sphinx-theme (its base)
and a few of Sphinx's own strings do not. This extension adds the missing strings
as the last fallback of those catalogues, so existing translations still win.
The search box text is set in _config.yml (html_theme_options.search_bar_text).
"""

from __future__ import annotations

from gettext import NullTranslations
from typing import Any

from sphinx.application import Sphinx
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
}


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


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _install)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
