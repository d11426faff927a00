"""The GitHub side: workflows GitHub would run (actionlint), issue forms, the pull-request checklist."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"


def actionlint() -> str:
    """The actionlint binary that requirements.txt installs into the venv. Never skipped."""
    found = Path(sys.executable).parent / "actionlint"
    if found.is_file():
        return str(found)
    other = shutil.which("actionlint")
    if other is None:
        pytest.fail("actionlint is missing: run 'make test' (it installs requirements.txt)", pytrace=False)
    return other


def run_actionlint(folder: Path, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run([actionlint(), "-no-color", *files], cwd=folder,
                          capture_output=True, text=True, timeout=120)


def workflow(name: str) -> dict:
    # PyYAML reads the key "on" as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_workflows_pass_actionlint():
    files = sorted(p.relative_to(ROOT).as_posix() for p in WORKFLOWS.glob("*.yml"))
    assert {"ci.yml", "deploy.yml", "reviews.yml"} <= {Path(f).name for f in files}
    result = run_actionlint(ROOT, *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "broken.yml").write_text(
        "on: pull_request\n"
        "jobs:\n"
        "  test:\n"
        "    runs_on: ubuntu-latest\n"  # the key is runs-on
        "    steps:\n"
        "      - uses: actions/checkout@v7\n"
        "      - run: echo ${{ github.event.pull_request.titel }}\n",
        encoding="utf-8")
    result = run_actionlint(tmp_path, ".github/workflows/broken.yml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r'broken\.yml:4:5: unexpected key "runs_on"', result.stdout), result.stdout
    assert '"runs-on" section is missing' in result.stdout, result.stdout


def test_actionlint_flags_an_outdated_action(tmp_path):
    """An action on a retired runtime is caught before GitHub refuses it."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "old.yml").write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v2\n", encoding="utf-8")
    result = run_actionlint(tmp_path, ".github/workflows/old.yml")
    assert result.returncode == 1
    assert "actions/checkout@v2" in result.stdout and "old.yml:6" in result.stdout, result.stdout


def test_ci_runs_make_test_on_every_pull_request_in_debian():
    ci = workflow("ci.yml")
    assert "pull_request" in ci["on"] and "push" in ci["on"] and "workflow_call" in ci["on"]
    job = ci["jobs"]["test"]
    assert job["container"]["image"].endswith("-bookworm"), "Debian, so apt-get gives real chromium (no snap)"
    runs = [s.get("run", "") for s in job["steps"]]
    assert "make test" in runs


def test_deploy_runs_only_after_tests_and_build_pass():
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    jobs = deploy["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/ci.yml"
    assert jobs["build"]["needs"] == "test"
    assert jobs["deploy"]["needs"] == "build"
    build_steps = [s.get("uses", s.get("run", "")) for s in jobs["build"]["steps"]]
    assert "make build" in build_steps
    assert any(u.startswith("actions/upload-pages-artifact@") for u in build_steps)
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in jobs["deploy"]["steps"])
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["permissions"] == {"contents": "read"}, "only the deploy job may write"


def test_actions_are_pinned_by_commit_sha():
    """A tag can be moved; a commit SHA cannot. The comment names the release, for Dependabot and people."""
    uses = []
    for path in WORKFLOWS.glob("*.yml"):
        uses += re.findall(r"uses:\s*(\S+)(.*)", path.read_text(encoding="utf-8"))
    external = [(u, rest) for u, rest in uses if not u.startswith("./")]
    assert external
    loose = [u for u, rest in external
             if not re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", u) or not re.fullmatch(r"\s*# v\d+\.\d+\.\d+", rest)]
    assert not loose, f"use the standard actions, pinned to a full commit SHA with '# vX.Y.Z': {loose}"


def test_edit_this_page_opens_the_source_on_the_deployed_branch():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0])
    assert config["repo_url"].startswith("https://github.com/")
    branch = workflow("deploy.yml")["on"]["push"]["branches"][0]
    assert config["edit_uri"] == f"edit/{branch}/docs/"


ISSUE_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("name", ["report-an-error.yml", "suggest-a-topic.yml"])
def test_issue_forms_are_valid(name):
    """The rules GitHub applies to issue forms: name, description, body of known types, unique ids,
    a label on every field, options on dropdowns and checkboxes."""
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    assert isinstance(form["name"], str) and form["name"].strip()
    assert isinstance(form["description"], str) and form["description"].strip()
    assert set(form) <= {"name", "description", "title", "labels", "assignees", "body", "projects", "type"}
    ids = []
    for element in form["body"]:
        assert element["type"] in ISSUE_TYPES, element
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        assert attributes["label"].strip(), element
        if "id" in element:
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"]), element["id"]
            ids.append(element["id"])
        if element["type"] in ("dropdown", "checkboxes"):
            assert attributes["options"], element
    assert len(ids) == len(set(ids)), f"duplicate ids in {name}"
    assert any(e.get("validations", {}).get("required") for e in form["body"]), "at least one required field"
    assert "personal health details" in form["body"][0]["attributes"]["value"]


def test_issue_chooser_points_people_in_crisis_to_help():
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    first = config["contact_links"][0]
    assert first["url"].endswith("/get-help-now/") and first["url"].startswith("https://")


def test_pull_request_template_has_the_editorial_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) >= 12
    for needed in ("cited", "same detail", "TODO", "alt text", "https://", "make test",
                   "Content review", "Clinical review", "next_review"):
        assert any(needed in box for box in boxes), f"no checklist item about {needed!r}"


def test_dependabot_updates_pip_and_actions_weekly_in_groups():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["directory"] == "/" and update["schedule"]["interval"] == "weekly"
        assert [g["patterns"] for g in update["groups"].values()] == [["*"]], "one grouped pull request"
    assert {"textstat", "setuptools"} <= {i["dependency-name"] for i in updates["pip"]["ignore"]}


def test_properdocs_job_compares_the_builds_on_python_3_13():
    job = workflow("properdocs.yml")
    assert "pull_request" in job["on"] and job["permissions"] == {"contents": "read"}
    steps = job["jobs"]["compare"]["steps"]
    versions = next(s["with"]["python-version"] for s in steps if "setup-python" in s.get("uses", "")).split()
    assert "3.13" in versions
    assert any(s.get("run", "").startswith("make check-properdocs") and "PROPERDOCS_PYTHON=python3.13" in s["run"]
               for s in steps)
