"""Figure alt text from the matplotlib titles in a notebook's code (_ext/vi_site.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

import vi_site  # noqa: E402


def groups(*cells: str, index: int = -1) -> list[list[str]]:
    return vi_site._Titles(list(cells)).groups(index if index >= 0 else len(cells) - 1)


def test_literal_titles_figure_title_first():
    cell = 'fig, ax = plt.subplots()\nax.set_title("Mất mát theo epoch")\nfig.suptitle("Hai đường cong")\n'
    assert groups(cell) == [["Hai đường cong", "Mất mát theo epoch"]]


def test_plt_title_and_ax_set_keyword():
    assert groups('plt.title("Độ chính xác")') == [["Độ chính xác"]]
    assert groups('ax.set(title="Phân bố trọng số", xlabel="w")') == [["Phân bố trọng số"]]


def test_loop_variable_over_zip_and_over_a_literal_list():
    zipped = 'for ax, img, t in zip(axes, imgs, ["Ảnh gốc", "Ảnh lật"]):\n    ax.set_title(t)\n'
    assert groups(zipped) == [["Ảnh gốc", "Ảnh lật"]]
    pairs = 'for ax, p, t in [(a0, x, "Đúng"), (a1, y, "Lỗi")]:\n    ax.set_title(t)\n'
    assert groups(pairs) == [["Đúng", "Lỗi"]]


def test_plotting_function_from_another_cell_one_figure_per_call():
    helper = 'def show(images, title):\n    fig, ax = plt.subplots()\n    fig.suptitle(title)\n'
    calls = 'show(a, "Batch trước khi xáo")\nshow(b, "Batch sau khi xáo")\n'
    assert groups(helper, calls) == [["Batch trước khi xáo"], ["Batch sau khi xáo"]]


def test_fstring_placeholders_and_label_only_panels():
    cell = 'for i in range(8):\n    axes[i].set_title(f"nhãn {y[i]}")\nfig.suptitle(f"{name}: tám ảnh đầu tiên")\n'
    assert groups(cell) == [["tám ảnh đầu tiên"]]


def test_magics_and_untitled_cells():
    assert groups("%matplotlib inline\nplt.plot([1, 2])\n") == []
    assert groups("this is not python (") == []
