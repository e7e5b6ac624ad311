"""Print the app-to-app import table (who imports whom, how many times) and fail on an arrow that runs back up.

    python scripts/app_imports.py

The layers, bottom first: core, pupils, privacy, assessments, targets, reintegration, reports, then the
apps built on them and the project package `nurture` (URLs, dashboards, settings). An app may import
only apps below it; tests and migrations are not counted.
"""

from __future__ import annotations

import ast
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["core", "pupils", "privacy", "assessments", "targets", "reintegration", "reports",
          "casework", "transfers", "staff", "trusts", "notices", "parents", "nurture", "bench"]


def edges() -> collections.Counter:
    found: collections.Counter = collections.Counter()
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] not in LAYERS or "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                target = name.split(".")[0]
                if target in LAYERS and target != parts[0]:
                    found[(parts[0], target)] += 1
    return found


def upward(found: collections.Counter) -> list[tuple[str, str]]:
    """Return the imports that run from a lower layer to a higher one."""
    return [(source, target) for source, target in found if LAYERS.index(target) > LAYERS.index(source)]


def main() -> int:
    found = edges()
    print(f"{'app':14} {'imports':14} times")
    for (source, target), count in sorted(found.items(), key=lambda item: (LAYERS.index(item[0][0]), item[0][1])):
        print(f"{source:14} {target:14} {count}")
    wrong = upward(found)
    for source, target in wrong:
        print(f"UPWARD: {source} imports {target}", file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
