"""The import direction is one way: the ground floor imports no app, and no app imports one above it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("app_imports", ROOT / "scripts" / "app_imports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_ground_floor_imports_no_other_app():
    found = _script().edges()
    assert not [target for source, target in found if source == "core"]


def test_no_app_imports_an_app_above_it():
    script = _script()
    assert script.upward(script.edges()) == []


def test_the_script_finds_an_upward_import(tmp_path, monkeypatch):
    script = _script()
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "bad.py").write_text("from pupils.models import Pupil\n")
    monkeypatch.setattr(script, "ROOT", tmp_path)
    assert script.upward(script.edges()) == [("core", "pupils")]
