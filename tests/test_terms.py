"""Terminology lint: learner-facing text uses the glossary's forms and the
course's tone-mark placement; the glossary page shows the same list."""

from __future__ import annotations

from coursekit import terms


def test_learner_text_uses_preferred_forms() -> None:
    findings = terms.lint_all()
    assert not findings, "discouraged forms (coursekit/terms.toml):\n" + "\n".join(map(str, findings))


def test_glossary_page_shows_the_list() -> None:
    page = terms.GLOSSARY_PAGE.read_text(encoding="utf-8")
    assert terms.render_glossary(page, terms.load_avoid()) == page, "run `python -m coursekit terms --write`"


def test_each_preferred_form_is_on_the_glossary_page() -> None:
    page = terms.GLOSSARY_PAGE.read_text(encoding="utf-8")
    glossary_part = page[: page.find(terms.TABLE_BEGIN)]
    missing = [a.right for a in terms.load_avoid() if a.right not in glossary_part]
    assert not missing, f"preferred forms not defined in the glossary itself: {missing}"


def test_lint_finds_what_it_should() -> None:
    avoid = terms.load_avoid()
    text = "Trọng lượng của tầng\nlớp ẩn\nchuẩn hoá\nquý khách, hoàn thành, chuẩn hóa, khỏe"
    found = terms.lint_text(text, "x", avoid)
    assert [(f.line, f.text) for f in found] == [(1, "Trọng lượng"), (2, "lớp ẩn"), (3, "hoá")]


def test_lint_respects_off_regions() -> None:
    text = "% term-lint: off\ntrọng lượng, hoá\n% term-lint: on\nthành kiến"
    found = terms.lint_text(text, "x", terms.load_avoid())
    assert [(f.line, f.text) for f in found] == [(4, "thành kiến")]
