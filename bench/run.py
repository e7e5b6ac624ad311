"""`make bench`: build a synthetic trust in PostgreSQL, serve it with gunicorn on 127.0.0.1 with the
production settings, measure each key page and the throughput under bounded load, check the budgets,
print one table and write bench/results.json.

Usage: python -m bench.run [--schools 50] [--pupils 20000] [--years 5] [--placements 2500]
                           [--observations 500000] [--seconds 8] [--samples 30]
       python -m bench.run --reuse [--stages pages,explain,load,jobs]   (measure the last generated trust again)
All traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


PORT = free_port()
BUDGET_QUERIES = 25
BUDGET_P95_MS = 150.0
BUDGET_REPORT_S = 10.0
BUDGET_IMPORT_ROWS_S = 500.0


def configure_environment(database: str) -> dict:
    env = {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "DJANGO_SETTINGS_MODULE": "nurture.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; everything else is production
        "NURTURE_TIMING": "1",
        "ALLOWED_HOSTS": HOST,
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",  # production logs a JSON line per request; the benchmark reads its own timings
    }
    os.environ.update(env)
    return env


def recreate_database(database: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
        conn.execute(f'CREATE DATABASE "{database}"')


@dataclass
class PageResult:
    page: str
    role: str
    method: str
    samples: int
    p50_ms: float
    p95_ms: float
    sql_ms: float
    queries: int
    sql_share: float
    errors: int


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def server_timing(header: str) -> tuple[float, float]:
    parts = dict(part.strip().split(";dur=") for part in header.split(",") if ";dur=" in part)
    return float(parts["app"]), float(parts["db"].split(";")[0])


class Browser:
    """A signed-in user on one keep-alive connection to the local gunicorn."""

    def __init__(self, session_key: str) -> None:
        self.cookie = f"sessionid={session_key}"
        self.csrf = secrets.token_hex(16)
        self.connection = http.client.HTTPConnection(HOST, PORT, timeout=60)

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {"Cookie": f"{self.cookie}; csrftoken={self.csrf}", "Host": HOST}
        body = None
        if method == "POST":
            body = urlencode({**(form or {}), "csrfmiddlewaretoken": self.csrf}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, PORT, timeout=60)
            return 599, (time.perf_counter() - started) * 1000, 0.0, 0
        elapsed = (time.perf_counter() - started) * 1000
        app_ms, sql_ms = server_timing(response.getheader("Server-Timing", "app;dur=0, db;dur=0"))
        return response.status, app_ms or elapsed, sql_ms, int(response.getheader("X-Query-Count", "0"))


def measure_page(page, samples: int) -> PageResult:
    from bench.pages import session_for

    browser = Browser(session_for(page.username))
    for _ in range(3):
        browser.request(page.method, page.path, page.form)
    times, sql, counts, errors = [], [], [], 0
    for _ in range(samples):
        status, app_ms, sql_ms, queries = browser.request(page.method, page.path, page.form)
        if status >= 400:
            errors += 1
        times.append(app_ms)
        sql.append(sql_ms)
        counts.append(queries)
    p50 = statistics.median(times)
    sql_median = statistics.median(sql)
    return PageResult(page.label, page.role, page.method, samples, round(p50, 1), round(percentile(times, .95), 1),
                      round(sql_median, 1), max(counts), round(sql_median / p50, 2) if p50 else 0.0, errors)


def load(page, users: int, seconds: float, think: float = 0.0) -> dict:
    """Drive `users` concurrent signed-in users at the page for a bounded time; return throughput.

    With `think` 0 each user sends the next request as soon as the last returns (saturation: what the
    machine can serve); with `think` 1.0 each waits about a second between requests, as a person would:
    people neither arrive nor pause in step, so each user starts at a random moment within the first
    `think` seconds and pauses between half and one and a half times `think` (seeded, so runs repeat).
    Without that jitter all users fire at the same instant every second and the last of each burst
    queues behind the other nine, which measures the load generator's lockstep, not the server.
    """
    from bench.pages import session_for

    sessions = [session_for(page.username) for _ in range(users)]
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def user_loop(session_key: str, seed: int) -> None:
        browser = Browser(session_key)
        pauses = random.Random(seed)
        mine, failed = [], 0
        if think:
            time.sleep(pauses.uniform(0, think))
        for _ in range(100_000):
            if time.perf_counter() >= deadline:
                break
            started = time.perf_counter()
            status, *_ = browser.request(page.method, page.path, page.form)
            mine.append((time.perf_counter() - started) * 1000)
            failed += status >= 400
            if think:
                time.sleep(pauses.uniform(think / 2, think * 1.5))
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=user_loop, args=(key, seed)) for seed, key in enumerate(sessions)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {"page": page.label, "method": page.method, "users": users, "think_s": think, "requests": len(latencies),
            "per_second": round(len(latencies) / elapsed, 1), "p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(percentile(latencies, .95), 1), "errors": errors[0]}


GUNICORN_WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
GUNICORN_THREADS = int(os.environ.get("BENCH_THREADS", "1"))
GUNICORN_SUMMARY = f"gunicorn {GUNICORN_WORKERS} workers x {GUNICORN_THREADS} threads"


def start_gunicorn(env: dict) -> subprocess.Popen:
    command = [str(ROOT / ".venv/bin/gunicorn"), "nurture.wsgi", "-b", f"{HOST}:{PORT}",
               "-w", str(GUNICORN_WORKERS), "-k", "gthread", "--threads", str(GUNICORN_THREADS),
               "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    for _ in range(150):
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped while starting")
        try:
            probe = http.client.HTTPConnection(HOST, PORT, timeout=2)
            probe.request("GET", "/accounts/login/")
            if probe.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=50)
    parser.add_argument("--pupils", type=int, default=20000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--placements", type=int, default=2500)
    parser.add_argument("--observations", type=int, default=500_000)
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each load level")
    parser.add_argument("--samples", type=int, default=30, help="sequential requests per page")
    parser.add_argument("--database", default="nurture_bench")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the trust a previous run generated in --database (no generation)")
    parser.add_argument("--stages", default="pages,explain,load,jobs", help="which measurements to run")
    args = parser.parse_args()
    stages = set(args.stages.split(","))

    env = configure_environment(args.database)
    if not args.reuse:
        recreate_database(args.database)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    setup_seconds = time.perf_counter() - started
    say(f"migrated and collected static files in {setup_seconds:.1f} s")

    from bench import pages as bench_pages
    from bench.generate import generate_trust

    started = time.perf_counter()
    if args.reuse:
        trust, extra = bench_pages.existing_trust(), {}
    else:
        trust = generate_trust(schools=args.schools, pupils=args.pupils, years=args.years,
                               placements=args.placements)
        extra = bench_pages.generate_case_records(trust, observations=args.observations, years=args.years)
    generation_seconds = time.perf_counter() - started
    say(f"generated the trust in {generation_seconds:.1f} s: "
        + ", ".join(f"{key}={value}" for key, value in {**trust.counts, **extra}.items()))
    say("stages (s): " + ", ".join(f"{key}={value}" for key, value in trust.timings.items()))
    vacuum_analyze(args.database)

    gunicorn = start_gunicorn(env)
    try:
        school = trust.schools[0]
        page_list = bench_pages.key_pages(school)
        say(f"\nkey pages, {args.samples} sequential requests each (times in ms, server side)")
        say(PAGE_HEADER)
        results = []
        for page in page_list if "pages" in stages else []:
            results.append(measure_page(page, args.samples))
            say(page_line(asdict(results[-1])))
        slow_queries = []
        if "explain" in stages:
            from bench.explain import BIG_SCAN_ROWS, SLOW_MS, explain_pages

            slow_queries = [plan.line for plan in explain_pages(page_list)]
            say(f"\nEXPLAIN ANALYZE of every query of the GET pages: {len(slow_queries)} over {SLOW_MS:.0f} ms "
                f"or scanning {BIG_SCAN_ROWS}+ rows" + "".join(f"\n  {line}" for line in slow_queries))
        say(f"\nload, {args.seconds:.0f} s per level (times in ms, client side)")
        say(LOAD_HEADER)
        throughput = []
        before = bench_pages.school_volume(school)
        load_started = datetime.datetime.now(datetime.UTC)
        for page in bench_pages.load_pages(school) if "load" in stages else []:
            for think in (0.0, 1.0):
                for users in (1, 10, 50):
                    throughput.append(load(page, users, args.seconds, think))
                    say(load_line(throughput[-1]))
        growth = {}
        if results and throughput:
            growth = recount_after_load(page_list, results, school, before)
            say(f"\nquery counts again, after the load added {growth['observations_added']} observations and "
                f"{growth['audit_entries_added']} audit entries to the school: "
                + (", ".join(growth["grown"]) if growth["grown"] else "no page's count grew"))
        if throughput:
            removed = bench_pages.remove_load_sessions(school, load_started)
            say(f"removed the {removed} sessions the load saved, so the jobs and a --reuse run see a school's data")
        say("\njobs: the MIS import, then the governors' report for one school and for the whole trust")
        jobs = bench_pages.measure_jobs(trust) if "jobs" in stages else {}
        say("jobs: " + ", ".join(f"{key}={value}" for key, value in jobs.items()))
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    budgets = check_budgets(results, throughput, jobs, growth)
    report = {
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip(),
        "cores": os.cpu_count(),
        "server": GUNICORN_SUMMARY,
        "size": {**vars(args), **trust.counts, **extra},
        "seconds": {"migrate_and_static": round(setup_seconds, 1), "generation": round(generation_seconds, 1),
                    **trust.timings},
        "pages": [asdict(result) for result in results],
        "throughput": throughput,
        "query_growth": growth,
        "slow_queries": slow_queries,
        "jobs": jobs,
        "budgets": budgets,
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(report, indent=2, default=str))
    print_table(report)
    if not all(budget["met"] for budget in budgets):
        sys.exit(1)


def say(line: str) -> None:
    print(line, flush=True)


def vacuum_analyze(database: str) -> None:
    """Refresh the planner's statistics after the bulk load, as autovacuum would in time."""
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{database}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


PAGE_HEADER = (f"{'page':<34}{'role':<15}{'meth':<5}{'p50 ms':>8}{'p95 ms':>8}{'SQL ms':>8}{'SQL/all':>8}"
               f"{'queries':>8}{'errors':>7}")
LOAD_HEADER = f"{'load':<34}{'users':>6}{'think s':>8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'errors':>7}"


def page_line(row: dict) -> str:
    return (f"{row['page']:<34}{row['role']:<15}{row['method']:<5}{row['p50_ms']:>8}{row['p95_ms']:>8}"
            f"{row['sql_ms']:>8}{row['sql_share']:>8}{row['queries']:>8}{row['errors']:>7}")


def load_line(row: dict) -> str:
    return (f"{row['page'] + ' ' + row['method']:<34}{row['users']:>6}{row['think_s']:>8}{row['per_second']:>8}"
            f"{row['p50_ms']:>8}{row['p95_ms']:>8}{row['errors']:>7}")


def recount_after_load(page_list, results: list[PageResult], school, before: dict) -> dict:
    """Request each page once more, now that the load has added rows, and name any whose count grew."""
    from bench.pages import school_volume, session_for

    grown = []
    for page, result in zip(page_list, results, strict=True):
        _status, _ms, _sql, queries = Browser(session_for(page.username)).request(page.method, page.path, page.form)
        if queries > result.queries:
            grown.append(f"{page.label} {result.queries} -> {queries}")
    after = school_volume(school)
    return {"observations_added": after["observations"] - before["observations"],
            "audit_entries_added": after["audit_entries"] - before["audit_entries"], "grown": grown}


def check_budgets(results: list[PageResult], throughput: list[dict], jobs: dict, growth: dict) -> list[dict]:
    budgets = []
    if results:
        worst_queries = max(results, key=lambda result: result.queries)
        budgets.append({"budget": f"no page over {BUDGET_QUERIES} queries",
                        "measured": f"{worst_queries.queries} ({worst_queries.page})",
                        "met": worst_queries.queries <= BUDGET_QUERIES})
    if growth:
        budgets.append({"budget": "no page's count grows with data",
                        "measured": "; ".join(growth["grown"]) or
                        f"same counts after +{growth['observations_added']} observations",
                        "met": not growth["grown"]})
    at_ten = [row for row in throughput if row["users"] == 10 and row["think_s"]]
    if at_ten:
        worst = max(at_ten, key=lambda row: row["p95_ms"])
        budgets.append({"budget": f"p95 under {BUDGET_P95_MS:.0f} ms, 10 users (1 s think)",
                        "measured": f"{worst['p95_ms']} ms ({worst['page']} {worst['method']})",
                        "met": worst["p95_ms"] < BUDGET_P95_MS})
        budgets.append({"budget": "no errors under load", "measured": sum(row["errors"] for row in throughput),
                        "met": all(row["errors"] == 0 for row in throughput)})
    if "import_rows_per_second" in jobs:
        rate = jobs["import_rows_per_second"]
        budgets.append({"budget": f"import at least {BUDGET_IMPORT_ROWS_S:.0f} rows/s", "measured": rate,
                        "met": rate >= BUDGET_IMPORT_ROWS_S})
    if "report_trust_failed" in jobs:
        budgets.append({"budget": "every school's report built", "measured": f"{jobs['report_trust_failed']} failed",
                        "met": jobs["report_trust_failed"] == 0})
    if "report_one_school_seconds" in jobs:
        seconds = jobs["report_one_school_seconds"]
        budgets.append({"budget": f"report for one school under {BUDGET_REPORT_S:.0f} s", "measured": seconds,
                        "met": seconds < BUDGET_REPORT_S})
    return budgets


def print_table(report: dict) -> None:
    say(f"\n=== Nurture benchmark · commit {report['commit']} · {report['cores']} cores · {report['server']} ===")
    say("size: " + ", ".join(f"{key}={value}" for key, value in report["size"].items() if key != "database"))
    say("seconds: " + ", ".join(f"{key}={value}" for key, value in report["seconds"].items()))
    say("\n" + PAGE_HEADER)
    for row in report["pages"]:
        say(page_line(row))
    say("\n" + LOAD_HEADER)
    for row in report["throughput"]:
        say(load_line(row))
    say("\njobs: " + ", ".join(f"{key}={value}" for key, value in report["jobs"].items()))
    say(f"\n{'budget':<44}{'measured':<44}met")
    for budget in report["budgets"]:
        say(f"{budget['budget']:<44}{str(budget['measured']):<44}{'yes' if budget['met'] else 'NO'}")


if __name__ == "__main__":
    main()
