"""EXPLAIN ANALYZE every query the key pages run, and name the slow ones and the big sequential scans:
where a page's SQL time grows, this says which query and why (`make bench` runs it after the pages)."""

from __future__ import annotations

import re
from dataclasses import dataclass

SLOW_MS = 2.0
BIG_SCAN_ROWS = 5000


@dataclass
class QueryPlan:
    page: str
    milliseconds: float
    scans: list[tuple[str, int]]  # (table, rows the scan read and threw away)
    sql: str

    @property
    def line(self) -> str:
        scans = ", ".join(f"seq scan of {table} discarding {rows} rows" for table, rows in self.scans)
        return f"{self.page}: {self.milliseconds:.1f} ms{'; ' + scans if scans else ''} :: {self.sql[:140]}"


def sequential_scans(plan: str) -> list[tuple[str, int]]:
    """Return each sequential scan in a text plan with the rows its filter removed."""
    scans = []
    lines = plan.splitlines()
    for index, line in enumerate(lines):
        found = re.search(r"Seq Scan on (\w+)", line)
        if not found:
            continue
        removed = 0
        for detail in lines[index + 1:index + 4]:
            rows = re.search(r"Rows Removed by Filter: (\d+)", detail)
            if rows:
                removed = int(rows.group(1))
                break
        scans.append((found.group(1), removed))
    return scans


def explain_pages(page_list) -> list[QueryPlan]:
    """Request each GET page once in this process, EXPLAIN ANALYZE its SELECTs, return the ones to look at."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.pages import signed_in_client

    flagged = []
    for page in page_list:
        if page.method != "GET":
            continue
        client = signed_in_client(page.username)
        with CaptureQueriesContext(connection) as queries:
            client.get(page.path)
        for query in queries.captured_queries:
            if not query["sql"].startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT TEXT) " + query["sql"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
            milliseconds = float(re.search(r"Execution Time: ([\d.]+)", plan).group(1))
            scans = [(table, rows) for table, rows in sequential_scans(plan) if rows >= BIG_SCAN_ROWS]
            if milliseconds >= SLOW_MS or scans:
                flagged.append(QueryPlan(page.label, milliseconds, scans, query["sql"]))
    return flagged
