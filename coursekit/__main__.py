"""Command line of the course tooling: ``python -m coursekit COMMAND``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import badges, benchmark, conventions, grade, labs, paths, terms
from .execute import run_in_place


def _paths(given: list[str], *default_dirs: Path) -> list[Path]:
    return [Path(p).resolve() for p in given] if given else paths.notebooks(*default_dirs)


def cmd_generate(args: argparse.Namespace) -> int:
    try:
        results = labs.generate_all(_paths(args.solutions, paths.SOLUTIONS), check_only=args.check)
    except labs.MarkerError as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 2
    stale = [t for t, same in results if not same]
    for target, same in results:
        state = 'up to date' if same else ('STALE' if args.check else 'written')
        if not same and target.parent == paths.SOLUTIONS:
            state += " (self-score cell; execute this solution again: python -m coursekit run)"
        print(f"{paths.rel(target)}: {state}")
    return 1 if args.check and stale else 0


def cmd_badges(args: argparse.Namespace) -> int:
    targets = _paths(args.notebooks)
    if args.check:
        problems = [p for t in targets for p in badges.problems(t)] + badges.readme_problems()
        print("\n".join(problems) or f"{len(targets)} badges agree with _config.yml")
        return 1 if problems else 0
    for t in targets:
        if t.parent == paths.EXERCISES:
            continue  # exercises get their badge from `generate`
        print(f"{paths.rel(t)}: {'stamped' if badges.stamp(t) else 'unchanged'}")
    print(f"README.md: {'stamped' if badges.stamp_readme() else 'unchanged'}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    for t in _paths(args.notebooks, *paths.EXECUTED_DIRS):
        print(f"{paths.rel(t)}: {run_in_place(t):.1f} s", flush=True)
    return 0


def cmd_benchmark(args: argparse.Namespace) -> int:
    report = benchmark.run(_paths(args.notebooks, *paths.EXECUTED_DIRS))
    print(report)
    if args.write:
        page = Path(args.write)
        text = page.read_text(encoding="utf-8")
        start, end = text.find(benchmark.REPORT_BEGIN), text.find(benchmark.REPORT_END)
        if start < 0 or end < start:
            print(f"error: {page} lacks the benchmark markers", file=sys.stderr)
            return 2
        page.write_text(text[: start + len(benchmark.REPORT_BEGIN)] + "\n" + report + text[end:], encoding="utf-8")
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    results = grade.grade_folder(Path(args.solution), Path(args.folder), Path(args.out))
    for r in results:
        print(f"{r.submission}: {sum(r.scores.values())} điểm {'; '.join(r.notes)}")
    print(f"wrote {args.out}")
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    findings = terms.lint_all()
    for f in findings:
        print(f)
    problems = [p for t in paths.notebooks() for p in conventions.problems_for(t)] if args.conventions else []
    for p in problems:
        print(p)
    return 1 if findings or problems else 0


def cmd_terms(args: argparse.Namespace) -> int:
    page = terms.GLOSSARY_PAGE
    new = terms.render_glossary(page.read_text(encoding="utf-8"), terms.load_avoid())
    if args.write:
        page.write_text(new, encoding="utf-8")
        print(f"wrote the table into {paths.rel(page)}")
        return 0
    same = new == page.read_text(encoding="utf-8")
    print("glossary table is current" if same else "glossary table is stale: run python -m coursekit terms --write")
    return 0 if same else 1


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m coursekit", description="Tooling of the course Học sâu thực chiến.")
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="generate exercises/ from solutions/")
    g.add_argument("solutions", nargs="*", help="solution notebooks (default: all)")
    g.add_argument("--check", action="store_true", help="only report stale exercises; exit 1 if any")
    g.set_defaults(func=cmd_generate)
    b = sub.add_parser("badges", help="re-stamp Colab badges from _config.yml")
    b.add_argument("notebooks", nargs="*")
    b.add_argument("--check", action="store_true", help="only report disagreeing badges")
    b.set_defaults(func=cmd_badges)
    r = sub.add_parser("run", help="execute notebooks in place (default: chapters/ and solutions/)")
    r.add_argument("notebooks", nargs="*")
    r.set_defaults(func=cmd_run)
    m = sub.add_parser("benchmark", help="time every notebook's Run all")
    m.add_argument("notebooks", nargs="*")
    m.add_argument("--write", metavar="PAGE", help="also put the table into PAGE between the benchmark markers")
    m.set_defaults(func=cmd_benchmark)
    gr = sub.add_parser("grade", help="grade submitted lab notebooks into a CSV")
    gr.add_argument("solution")
    gr.add_argument("folder")
    gr.add_argument("--out", default="grades.csv")
    gr.set_defaults(func=cmd_grade)
    li = sub.add_parser("lint", help="terminology and tone-mark lint")
    li.add_argument("--conventions", action="store_true", help="also check notebook conventions")
    li.set_defaults(func=cmd_lint)
    t = sub.add_parser("terms", help="check or write the generated table on the glossary page")
    t.add_argument("--write", action="store_true")
    t.set_defaults(func=cmd_terms)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
