"""Layer rules that import-linter cannot see: imports inside functions count too (#14)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cryptoflexs"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path, module: str | None = None) -> set[str]:
    """Return every module `path` imports, at any depth, relative imports resolved."""
    module = module or _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _services_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).parts
        if "services.py" in relative or "services" in relative[:-1]:
            yield path


class ImportRuleTests:
    def test_the_rule_sees_a_function_level_relative_import(self, tmp_path):
        probe = tmp_path / "services.py"
        probe.write_text("def f():\n    from . import tasks\n")
        assert "cryptoflexs.core.tasks" in _imported_modules(probe, "cryptoflexs.core.services")

    def test_services_never_import_tasks(self):
        offenders = {
            _module_name(path): sorted(
                name
                for name in _imported_modules(path)
                if name == "tasks" or name.endswith(".tasks") or ".tasks." in name
            )
            for path in _services_modules()
        }
        assert list(_services_modules()), "no services modules found"
        assert {m: names for m, names in offenders.items() if names} == {}
