"""Command line of the course tooling: ``python -m coursekit COMMAND``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import badges, benchmark, conventions, grade, labs, paths, terms
from . import colab_lane, prose_numbers, seeds
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
    options = grade.Options(timeout_s=args.timeout, jobs=args.jobs, max_output_mb=args.max_output_mb,
                            memory_mb=args.memory_mb, max_file_mb=args.max_file_mb, only=args.only or [],
                            restart=args.restart, feedback=Path(args.feedback) if args.feedback else None,
                            plot=Path(args.plot) if args.plot else None)
    return grade.command(Path(args.solution), Path(args.folder), Path(args.out), options)


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


# --- lessons tooling: seed sweep, prose numbers, Colab lane (owner: lessons-tooling) ---

def _progress(run: seeds.Run) -> None:
    print(f"{run.notebook} seed {run.seed}: {run.seconds:.1f} s, {len(run.problems)} problem(s)", flush=True)


def cmd_seeds(args: argparse.Namespace) -> int:
    runs = seeds.sweep(_paths(args.notebooks, *paths.EXECUTED_DIRS), args.seeds, workers=args.workers,
                       progress=_progress)
    print(seeds.table(runs))
    return 1 if any(r.problems for r in runs) else 0


def cmd_prose_numbers(args: argparse.Namespace) -> int:
    targets = _paths(args.notebooks, *paths.EXECUTED_DIRS)
    runs = seeds.sweep(targets, args.seeds, workers=args.workers) if args.seeds else []
    findings = []
    for t in targets:
        reruns = [(f"seed {r.seed}", r.executed) for r in runs if r.notebook == paths.rel(t) and r.executed]
        findings += prose_numbers.check(t, reruns)
    print(prose_numbers.report(findings))
    return 1 if findings else 0


def cmd_colab_lane(args: argparse.Namespace) -> int:
    problems, runs = colab_lane.run(_paths(args.notebooks, *paths.EXECUTED_DIRS), Path(args.python), args.workers,
                                    progress=_progress)
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    if runs:
        print(seeds.table(runs))
    return 1 if problems or any(r.problems for r in runs) else 0


def add_lessons_commands(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("seeds", help="re-execute notebooks at other seeds; report changed checked outputs and errors")
    s.add_argument("notebooks", nargs="*", help="notebooks (default: chapters/ and solutions/)")
    s.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    s.add_argument("--workers", type=int, default=2, help="notebooks executed at once")
    s.set_defaults(func=cmd_seeds)
    pn = sub.add_parser("prose-numbers", help="flag prose numbers that no output, code literal or citation backs")
    pn.add_argument("notebooks", nargs="*", help="notebooks (default: chapters/ and solutions/)")
    pn.add_argument("--seeds", nargs="*", type=int, default=[],
                    help="also rerun at these seeds: a printed number must be printed by every rerun too")
    pn.add_argument("--workers", type=int, default=2)
    pn.set_defaults(func=cmd_prose_numbers)
    c = sub.add_parser("colab-lane", help="execute notebooks with Colab's versions (.venv/colab); see scripts/colab_lane.sh")
    c.add_argument("notebooks", nargs="*", help="notebooks (default: chapters/ and solutions/)")
    c.add_argument("--python", default=str(colab_lane.VENV_PYTHON), help="python of the Colab-versions environment")
    c.add_argument("--workers", type=int, default=2)
    c.set_defaults(func=cmd_colab_lane)


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
    gr = sub.add_parser("grade", help="grade submitted lab notebooks into a CSV (see reference/huong_dan_giang_vien.md)")
    gr.add_argument("solution", help="the lab's solution notebook, e.g. solutions/lab01_x.ipynb")
    gr.add_argument("folder", help="folder of submissions (subfolders too: one per student is fine)")
    gr.add_argument("--out", default="grades.csv", help="CSV written row by row; an existing one is resumed")
    gr.add_argument("--timeout", type=float, default=grade.Options.timeout_s, help="seconds per submission")
    gr.add_argument("--jobs", type=int, default=1, help="submissions graded in parallel")
    gr.add_argument("--feedback", metavar="DIR", help="write one Markdown feedback file per student into DIR")
    gr.add_argument("--plot", metavar="PNG", help="also draw the class summary into PNG")
    gr.add_argument("--only", action="append", metavar="NAME", help="regrade only this student/file (repeatable)")
    gr.add_argument("--restart", action="store_true", help="ignore the rows of an earlier run in --out")
    gr.add_argument("--max-output-mb", type=float, default=grade.Options.max_output_mb, help="output per submission")
    gr.add_argument("--memory-mb", type=int, default=grade.Options.memory_mb, help="kernel memory limit (0: none)")
    gr.add_argument("--max-file-mb", type=float, default=grade.Options.max_file_mb, help="larger files are not read")
    gr.set_defaults(func=cmd_grade)
    li = sub.add_parser("lint", help="terminology and tone-mark lint")
    li.add_argument("--conventions", action="store_true", help="also check notebook conventions")
    li.set_defaults(func=cmd_lint)
    t = sub.add_parser("terms", help="check or write the generated table on the glossary page")
    t.add_argument("--write", action="store_true")
    t.set_defaults(func=cmd_terms)
    add_lessons_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
