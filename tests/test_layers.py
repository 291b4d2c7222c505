"""The layer contracts of pyproject.toml hold for the project, and do fail on a broken layer
(issue #14): `lint-imports` against the real code and against tests/fixtures/importlinter."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "importlinter"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--config", ROOT / "pyproject.toml", "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(cwd)},
    )


def contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def test_the_project_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contracts())} kept, 0 broken." in result.stdout


def test_a_broken_layer_fails(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    # Every app the contracts name exists in the stand-in, empty unless the fixture says more.
    for contract in contracts():
        for module in contract["source_modules"] + contract["forbidden_modules"]:
            package = project.joinpath(*module.split("."))
            package.mkdir(parents=True, exist_ok=True)
            (package / "__init__.py").touch()
    result = lint_imports(project)
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout
    assert f"Contracts: 0 kept, {len(contracts())} broken." in output
    assert "cryptoflexs.core.broken -> cryptoflexs.articles.views" in output
    assert "cryptoflexs.articles.broken -> cryptoflexs.search.selectors" in output
    assert "cryptoflexs.comments.broken -> cryptoflexs.demo.data" in output
