"""The lock files: production installs base.txt (no test tools), tests dev.txt; both pinned with hashes, and
every package still listed in the old requirements.txt is in them (so a dependency added there is not lost)."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def _pins(path: Path) -> dict[str, str]:
    return {name.lower().replace("_", "-"): version for name, version in PIN.findall(path.read_text())}


def test_production_installs_no_test_tool_and_every_pin_has_a_hash():
    pins = _pins(ROOT / "requirements" / "base.txt")
    assert {"django", "gunicorn", "celery", "honcho", "psycopg-pool"} <= set(pins)
    assert not {"pytest", "ruff", "playwright", "moto", "pip-tools"} & set(pins)
    for lock in ("base.txt", "dev.txt"):
        blocks = [block for block in re.split(r"\n(?=\S)", (ROOT / "requirements" / lock).read_text())
                  if PIN.match(block)]
        assert blocks and all("--hash=sha256:" in block for block in blocks), lock


def test_every_package_of_requirements_txt_is_in_the_lock_files_at_its_version():
    wanted = _pins(ROOT / "requirements.txt")
    locked = _pins(ROOT / "requirements" / "dev.txt")
    missing = {name: version for name, version in wanted.items() if locked.get(name) != version}
    assert not missing, (f"requirements.txt names {missing}, not in requirements/dev.txt at that version: add them "
                         "to requirements/base.in (runtime) or dev.in (tests) and run `make requirements`")
