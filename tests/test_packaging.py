"""The wheel ships every engine subpackage, the rule packs and the templates."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "checker").rglob("__init__.py")}
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages in pyproject.toml"
    assert config["package-dir"]["checker.rules"] == "rules"
    assert config["package-dir"]["checker.reports"] == "reports"


def test_rule_packs_and_templates_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    data = config["package-data"]
    assert "*.toml" in data["checker.rules"]
    templates = {p.suffix for p in (ROOT / "reports" / "templates").iterdir()}
    assert all(f"templates/*{suffix}" in data["checker.reports"] for suffix in templates)
