"""What the Makefile and the README promise a school's technician (issue 13, point 7)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _make_run(*args: str) -> str:
    # -n prints the commands without running them (no install, no server).
    result = subprocess.run(["make", "-n", "run", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_serves_on_the_port_given():
    assert "runserver 127.0.0.1:8100" in _make_run("PORT=8100")
    assert "runserver 127.0.0.1:8000" in _make_run()


def test_the_readme_says_which_role_imports_from_the_mis():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Who imports from the MIS"):]
    section = section[:section.index("\n## ", 3)]
    assert re.search(r"\*\*school admin\*\*.*imports pupils", section, re.S)
    assert "make run PORT=" in readme
