"""Mutation testing of the product's rules: does the test suite notice when a rule changes?

``make mutate`` (``python -m tools.mutate``) plants small changes, one at a time, in the modules
that hold the rules (the indicator definitions and their SQL, the value parsers' macros, the
role checks) and runs the tests that guard that module. A mutant the tests notice is *killed*;
one they do not notice *survived* and points at a rule no test pins down.

Two sets of mutants:

- **planted bugs** (``PLANTED``): hand-written, each breaking one SPEC rule the way a careless
  edit would. Every one must be killed; the run fails otherwise.
- **generated mutants**: every comparison, boolean operator, number, ``IS [NOT] NULL``, value
  list and ``LEFT JOIN`` in the target files, in Python and in SQL (inside string literals and
  ``.sql`` files), plus each bare call statement (``require_manager(role)``) dropped. Their
  kill rate is the measure; some survivors are equivalent (the change cannot alter a result).

The run works on a scratch copy of the tracked files, never on the work tree, and writes
``docs/mutation.md``. Options: ``--planted`` (planted bugs only), ``--files GLOB``,
``--limit N`` (every k-th generated mutant, for a quick look), ``--jobs N``.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tokenize
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "mutation.md"

# Target files and the tests that guard them, fastest-killing first (pytest stops at the first
# failure). Globs are relative to the repository root; the first matching entry applies.
_RULES = (
    "tests/test_indicators_golden.py",
    "tests/test_rule_cases.py",
    "tests/test_indicators_rules.py",
    "tests/test_registry.py",
)
GUARDS: dict[str, tuple[str, ...]] = {
    "indicators/custom.py": ("tests/test_custom_indicators.py", "tests/test_rule_cases.py"),
    "indicators/sandbox.py": ("tests/test_sandbox.py", "tests/test_custom_indicators.py"),
    "indicators/present.py": ("tests/test_present.py", "tests/test_indicators_rules.py"),
    "indicators/targets.py": ("tests/test_targets.py",),
    "indicators/honesty.py": ("tests/test_honesty.py", *_RULES),
    "indicators/headline.py": ("tests/test_headline.py", *_RULES),
    "indicators/analytics_*": ("tests/test_breakdowns.py", "tests/test_roles.py"),
    "indicators/breakdowns.py": ("tests/test_breakdowns.py",),
    "indicators/survey.py": (*_RULES, "tests/test_breakdowns.py", "tests/test_roles.py"),
    "indicators/compute.py": (*_RULES, "tests/test_custom_indicators.py"),
    "indicators/*": _RULES,
    "indicators/sql/*": _RULES,
    "data/sqlfunc.py": (
        "tests/test_normalise.py",
        "tests/test_headers.py",
        "tests/test_import_atomic.py",
        "tests/test_pseudonym.py",
        "tests/test_import_kinds.py",
    ),
    "auth/*": (
        "tests/test_roles.py",
        "tests/test_auth.py",
        "tests/test_sign_in.py",
        "tests/test_fail_closed.py",
        "tests/test_throttle.py",
    ),
}
GENERATED_TARGETS = ("indicators/*", "data/sqlfunc.py", "auth/*")
TIMEOUT_FACTOR, TIMEOUT_FLOOR_S = 3.0, 60.0


@dataclass(frozen=True)
class Mutant:
    """In ``path``, each ``old`` text at its character offset replaced by its ``new`` text."""

    path: str
    edits: tuple[tuple[int, str, str], ...]  # (offset, old, new)
    line: int
    why: str = ""  # a planted bug's rule

    def apply(self, text: str) -> str:
        for offset, old, new in sorted(self.edits, reverse=True):
            assert text[offset : offset + len(old)] == old, self
            text = text[:offset] + new + text[offset + len(old) :]
        return text

    def label(self) -> str:
        _, old, new = self.edits[0]
        return f"{self.path}:{self.line}: `{_short(old)}` → `{_short(new)}`"


def _edit(path: str, offset: int, old: str, new: str, line: int) -> Mutant:
    return Mutant(path, ((offset, old, new),), line)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"


# --- planted bugs ---------------------------------------------------------------------------------
# (file, ((exact text, replacement), ...), the SPEC rule it breaks). Each text occurs once.
PLANTED: tuple[tuple[str, tuple[tuple[str, str], ...], str], ...] = (
    (
        "data/sqlfunc.py",
        (("WHEN 0 THEN b[9] = '0'", "WHEN 0 THEN false"),),
        "Y-tunnus: remainder 0 means check digit 0",
    ),
    (
        "data/sqlfunc.py",
        (("WHEN 1 THEN false", "WHEN 1 THEN b[9] = '1'"),),
        "Y-tunnus: remainder 1 has no valid check digit",
    ),
    (
        "data/sqlfunc.py",
        (("ELSE 11 - km_bid_rest(b)", "ELSE 10 - km_bid_rest(b)"),),
        "Y-tunnus: check digit 11 - remainder",
    ),
    (
        "indicators/sql/rules.sql",
        (("WHERE p.cluster_id = cluster AND p.attended AND", "WHERE p.cluster_id = cluster AND"),),
        "only attended rows count",
    ),
    (
        "indicators/sql/rules.sql",
        (
            (
                "SELECT *, row_number() OVER () AS person FROM attended_rows(cluster, first, last)",
                (
                    "SELECT p.event_key, p.org_id, p.email_hash, p.name_hash, p.role, p.attended,"
                    " year(e.date)::INTEGER AS year, row_number() OVER () AS person"
                    " FROM v_participation p JOIN v_event e"
                    " ON e.cluster_id = p.cluster_id AND e.event_key = p.event_key"
                    " WHERE p.cluster_id = cluster AND year(e.date) BETWEEN first AND last"
                ),
            ),
            (
                "LEFT JOIN components c ON c.root = coalesce(f.email_root, f.name_root);",
                (
                    "LEFT JOIN components c ON c.root = coalesce(f.email_root, f.name_root)"
                    " WHERE f.attended;"
                ),
            ),
        ),
        "the attended filter comes before de-duplication",
    ),
    (
        "indicators/sql/org_4.sql",
        (("count(DISTINCT person) AS person_participations", "count(*) AS person_participations"),),
        "ORG-4: duplicate participant rows count once",
    ),
    ("auth/audit_log.py", (("    require_manager(role)\n", ""),), "the audit log is manager-only"),
    (
        "indicators/survey.py",
        (("    require_manager(role)\n    sql = ", "    sql = "),),
        "open-text answers are manager-only",
    ),
    (
        "indicators/rules.py",
        (('"regional", "national_base")', '"regional")'),),
        "FUN-1: national_base is long-term public funding",
    ),
    (
        "indicators/rules.py",
        (('"city_base_funding", "other_municipality",', '"city_base_funding",'),),
        "FUN-1: other_municipality is long-term public funding",
    ),
    (
        "indicators/rules.py",
        (('"national_project", "other_project")', '"national_project")'),),
        "FUN-1: other_project is project funding",
    ),
    (
        "indicators/sql/fun_1.sql",
        (
            (
                (
                    "WHERE f.status = 'paid' AND f.source_type = 'city_base_funding'\n"
                    "       ) AS city_eur"
                ),
                "WHERE f.source_type = 'city_base_funding'\n       ) AS city_eur",
            ),
        ),
        "FUN-1: committed funding never counts in a share",
    ),
    (
        "indicators/survey.py",
        (("CASE WHEN n < {MIN_N} THEN NULL", "CASE WHEN n <= {MIN_N} THEN NULL"),),
        "n < 5 hides (n = 5 shows) in the survey tables",
    ),
    (
        "indicators/compute.py",
        (("    return n < metric.min_n\n", "    return n <= metric.min_n\n"),),
        "n < 5 hides (n = 5 shows) in indicator records",
    ),
    (
        "indicators/compute.py",
        (("    return n < metric.min_n\n", "    return n < metric.min_n - 1\n"),),
        "n = 4 is hidden in indicator records",
    ),
    (
        "indicators/sql/rules.sql",
        (
            (
                "AND (member_until IS NULL OR member_until >= day);",
                "AND (member_until IS NULL OR member_until > day);",
            ),
        ),
        "a member leaving on 31.12. is a member that day",
    ),
    (
        "indicators/sql/rules.sql",
        (
            (
                "(member_since IS NULL OR member_since <= day)",
                "(member_since IS NULL OR member_since < day)",
            ),
        ),
        "a member joining on 1.1. is a member that day",
    ),
    (
        "indicators/sql/rules.sql",
        (
            (
                "status <> 'follower' AND NOT (status = 'former' AND member_until IS NULL);",
                "status <> 'follower';",
            ),
        ),
        "a former member without member_until is a member on no date",
    ),
    (
        "indicators/sql/rules.sql",
        (
            (
                "status <> 'follower' AND NOT (status = 'former' AND member_until IS NULL);",
                "NOT (status = 'former' AND member_until IS NULL);",
            ),
        ),
        "followers are never members",
    ),
    (
        "indicators/sql/org_1.sql",
        (
            (
                "member_on(m.status, m.member_since, m.member_until, year_start(y.year))",
                "member_on(m.status, m.member_since, m.member_until, year_end(y.year))",
            ),
        ),
        "ORG-1: retention starts from the members on 1.1.",
    ),
    (
        "indicators/sql/org_1.sql",
        (
            (
                (
                    "WHERE cluster_id = $cluster_id AND can_be_member(status, member_until)\n"
                    "      AND member_since IS NOT NULL"
                ),
                "WHERE cluster_id = $cluster_id\n      AND member_since IS NOT NULL",
            ),
        ),
        "ORG-1: followers are never new members",
    ),
    (
        "indicators/sql/rules.sql",
        (
            (
                "OR (coalesce(op.participations, 0) >= 4 AND coalesce(op.contributes, false))",
                "OR (coalesce(op.participations, 0) >= 4)",
            ),
        ),
        "engagement: core needs a speaker, host or organiser row",
    ),
    (
        "indicators/sql/rules.sql",
        (
            (
                "WHEN coalesce(op.participations, 0) >= 2 OR pp.org_id IS NOT NULL THEN 'active'",
                "WHEN coalesce(op.participations, 0) >= 2 THEN 'active'",
            ),
        ),
        "engagement: a partner in an active project is active",
    ),
    (
        "indicators/sql/rules.sql",
        (
            (
                "AND (end_date IS NULL OR end_date >= year_start(y));",
                "AND end_date >= year_start(y);",
            ),
        ),
        "a project without an end is still running",
    ),
    (
        "indicators/sql/rules.sql",
        (("role IN ('speaker', 'host', 'organiser')", "role IN ('speaker', 'host')"),),
        "engagement: organising is a contribution",
    ),
    (
        "indicators/sql/rules.sql",
        (("(scale = 'likert5' AND value_num >= 4)", "(scale = 'likert5' AND value_num >= 3)"),),
        "survey: agree means 4-5",
    ),
    (
        "indicators/sql/rules.sql",
        (
            (
                "sum(responses) FILTER (WHERE invited IS NOT NULL) AS responses",
                "sum(responses) AS responses",
            ),
        ),
        "survey: the response rate pools the surveys with an invited count",
    ),
    (
        "indicators/sql/org_3.sql",
        (("prev.projects IS NOT NULL AS previous_exists", "true AS previous_exists"),),
        "ORG-3: no change without a qualifying project in Y-1",
    ),
    (
        "indicators/sql/org_3.sql",
        (
            (
                "count(*) FILTER (WHERE funded(status) OR status = 'rejected') AS decided",
                "count(*) AS decided",
            ),
            (
                "WHERE cluster_id = $cluster_id AND status <> 'applied' GROUP BY 1",
                "WHERE cluster_id = $cluster_id GROUP BY 1",
            ),
        ),
        "ORG-3: success rate over decided applications",
    ),
    (
        "indicators/sql/esca.sql",
        (("0), 0) > 0.5)::INTEGER", "0), 0) >= 0.5)::INTEGER"),),
        "ESCA: most actors are companies (> 0.5)",
    ),
    (
        "indicators/sql/esca.sql",
        (("coalesce(actors.actors, 0) >= 15", "coalesce(actors.actors, 0) > 15"),),
        "ESCA: at least 15 actors",
    ),
)


def planted() -> list[Mutant]:
    mutants = []
    for path, changes, why in PLANTED:
        text = (ROOT / path).read_text(encoding="utf-8")
        edits = []
        for old, new in changes:
            if text.count(old) != 1:
                raise SystemExit(f"planted bug no longer applies: {path}: {old!r}")
            edits.append((text.index(old), old, new))
        line = text.count("\n", 0, edits[0][0]) + 1
        mutants.append(Mutant(path, tuple(edits), line, why))
    return mutants


# --- generated mutants ----------------------------------------------------------------------------
PY_OPS = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "==", "+": "-", "-": "+"}
PY_NAMES = {"and": "or", "or": "and", "True": "False", "False": "True"}
SQL_RULES: tuple[tuple[str, str | None], ...] = (
    (r"(?<=\s)>=(?=\s)", ">"),
    (r"(?<=\s)>(?=\s)", ">="),
    (r"(?<=\s)<=(?=\s)", "<"),
    (r"(?<=\s)<(?=\s)", "<="),
    (r"(?<=\s)<>(?=\s)", "="),
    (r"\bAND\b", "OR"),
    (r"\bOR\b", "AND"),
    (r"\bIS NOT NULL\b", "IS NULL"),
    (r"\bIS NULL\b", "IS NOT NULL"),
    (r"\bcount\(DISTINCT ", "count("),
    (r"\bmin\(", "max("),
    (r"\bmax\(", "min("),
    (r"\bNOT \(", "("),
    (r"\bLEFT JOIN\b", "JOIN"),
    (r"(?<![\w.$'{])\d+(?![\w.'}])", None),  # a number: plus one
)
# A string literal is SQL (and mutated as SQL) when it holds a keyword or operator of SQL.
_SQLISH = re.compile(
    r"\b(SELECT|WHERE|JOIN|CASE|WHEN|FILTER|AND|OR|IS|IN|GROUP BY)\b|\s(<>|>=|<=)\s"
)
_LIST = re.compile(r"\(('[^'()]*'(?:, '[^'()]*')+)\)")


def _sql_mutants(path: str, text: str, start: int, end: int, line_of) -> Iterator[Mutant]:
    segment = text[start:end]
    for pattern, replacement in SQL_RULES:
        for match in re.finditer(pattern, segment):
            new = str(int(match.group()) + 1) if replacement is None else replacement
            offset = start + match.start()
            yield _edit(path, offset, match.group(), new, line_of(offset))
    for match in _LIST.finditer(segment):  # drop one value of a list
        items = match.group(1).split(", ")
        for i in range(len(items)):
            kept = ", ".join(items[:i] + items[i + 1 :])
            offset = start + match.start(1)
            yield _edit(path, offset, match.group(1), kept, line_of(offset))


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                lines.add(body[0].lineno)
    return lines


def generated(path: str) -> Iterator[Mutant]:
    text = (ROOT / path).read_text(encoding="utf-8")
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def line_of(offset: int) -> int:
        lo, hi = 0, len(starts)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if starts[mid] <= offset else (lo, mid)
        return lo + 1

    if path.endswith(".sql"):  # every line but comments
        offset = 0
        for line in text.splitlines(keepends=True):
            code = line.split("--", 1)[0]
            yield from _sql_mutants(path, text, offset, offset + len(code), line_of)
            offset += len(line)
        return
    tree = ast.parse(text)
    docstrings = _docstring_lines(tree)
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    for i, tok in enumerate(tokens):
        offset = starts[tok.start[0] - 1] + tok.start[1]
        end = starts[tok.end[0] - 1] + tok.end[1]
        prev = tokens[i - 1].string if i else ""
        nxt = tokens[i + 1].string if i + 1 < len(tokens) else ""
        if tok.type == tokenize.OP and tok.string in PY_OPS:
            if tok.string in "+-" and prev in ("(", "[", ",", "=", "return", ":"):
                continue  # a sign, not an operator
            if tokens[i - 1].type == tokenize.STRING or tokens[i + 1].type == tokenize.STRING:
                continue  # text joined to text
            yield _edit(path, offset, tok.string, PY_OPS[tok.string], tok.start[0])
        elif tok.type == tokenize.NAME and tok.string in PY_NAMES:
            yield _edit(path, offset, tok.string, PY_NAMES[tok.string], tok.start[0])
        elif tok.type == tokenize.NAME and tok.string == "not" and prev != "is" and nxt != "in":
            yield _edit(path, offset, "not ", "", tok.start[0])
        elif tok.type == tokenize.NUMBER and tok.string.isdigit():
            yield _edit(path, offset, tok.string, str(int(tok.string) + 1), tok.start[0])
        elif tok.type == tokenize.STRING and tok.start[0] not in docstrings:
            if not _SQLISH.search(tok.string):
                continue
            yield from _sql_mutants(path, text, offset, end, line_of)
    for node in ast.walk(tree):  # a bare call statement dropped
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            segment = ast.get_source_segment(text, node)
            offset = starts[node.lineno - 1] + node.col_offset
            yield _edit(path, offset, segment, "pass", node.lineno)


def target_files(patterns: tuple[str, ...]) -> list[str]:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return sorted(
        f
        for f in tracked
        if f.endswith((".py", ".sql"))
        and not f.endswith("__init__.py")
        and any(fnmatch.fnmatch(f, p) for p in patterns)
    )


def guards(path: str) -> tuple[str, ...]:
    return next(tests for pattern, tests in GUARDS.items() if fnmatch.fnmatch(path, pattern))


# --- running ----------------------------------------------------------------------------------
@dataclass
class Outcome:
    mutant: Mutant
    status: str  # killed | survived | timeout | invalid
    seconds: float


def _copy_tree(into: Path) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in tracked:
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)


def _pytest(tree: Path, tests: tuple[str, ...], timeout: float | None) -> tuple[int | None, float]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CI", None)
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
            cwd=tree,
            env=env,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:  # a mutant that hangs the tests counts as killed
        return None, time.monotonic() - started
    return done.returncode, time.monotonic() - started


def _run_one(tree: Path, mutant: Mutant, timeout: float) -> Outcome:
    target = tree / mutant.path
    original = target.read_text(encoding="utf-8")
    mutated = mutant.apply(original)
    if mutant.path.endswith(".py"):
        try:
            compile(mutated, mutant.path, "exec")
        except SyntaxError:
            return Outcome(mutant, "invalid", 0.0)
    target.write_text(mutated, encoding="utf-8")
    try:
        code, seconds = _pytest(tree, guards(mutant.path), timeout)
    finally:
        target.write_text(original, encoding="utf-8")
    if code is None:
        return Outcome(mutant, "timeout", seconds)
    return Outcome(mutant, "survived" if code == 0 else "killed", seconds)


def run(mutants: list[Mutant], jobs: int) -> list[Outcome]:
    """Each mutant on its own scratch copy (one per job); baseline timings set the timeouts."""
    with tempfile.TemporaryDirectory(prefix="mutate-") as scratch:
        trees = [Path(scratch) / f"tree{i}" for i in range(jobs)]
        for tree in trees:
            _copy_tree(tree)
        baseline: dict[tuple[str, ...], float] = {}
        for tests in sorted({guards(m.path) for m in mutants}):
            code, seconds = _pytest(trees[0], tests, None)
            if code != 0:
                raise SystemExit(f"the guarding tests fail before any mutation: {' '.join(tests)}")
            baseline[tests] = max(TIMEOUT_FLOOR_S, seconds * TIMEOUT_FACTOR)
        free = list(trees)
        outcomes: list[Outcome] = []

        def work(mutant: Mutant) -> Outcome:
            tree = free.pop()
            try:
                return _run_one(tree, mutant, baseline[guards(mutant.path)])
            finally:
                free.append(tree)

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for n, outcome in enumerate(pool.map(work, mutants), start=1):
                outcomes.append(outcome)
                print(
                    f"[{n}/{len(mutants)}] {outcome.status:8} {outcome.mutant.label()}", flush=True
                )
        return outcomes


# --- report -------------------------------------------------------------------------------------
def _rate(outcomes: list[Outcome]) -> tuple[int, int, str]:
    valid = [o for o in outcomes if o.status != "invalid"]
    killed = sum(o.status in ("killed", "timeout") for o in valid)
    return killed, len(valid), f"{100 * killed / len(valid):.0f} %" if valid else "–"


def write_report(planted_out: list[Outcome], generated_out: list[Outcome], sampled: int) -> str:
    lines = [
        "# Mutation testing",
        "",
        "Generated by `make mutate` (`python -m tools.mutate`); do not edit by hand. Each mutant",
        "is one small change to a rule module; *killed* means the guarding tests failed on it.",
        "",
    ]
    if planted_out:
        killed, total, rate = _rate(planted_out)
        lines += [
            f"## Planted bugs: {killed} of {total} caught ({rate})",
            "",
            "| rule | change | caught |",
            "|---|---|---|",
        ]
        for o in planted_out:
            caught = "yes" if o.status in ("killed", "timeout") else "**no**"
            lines.append(f"| {o.mutant.why} | `{o.mutant.path}:{o.mutant.line}` | {caught} |")
        lines.append("")
    if generated_out:
        killed, total, rate = _rate(generated_out)
        note = f" (every {sampled}th mutant)" if sampled > 1 else ""
        lines += [
            f"## Generated mutants{note}: {killed} of {total} killed ({rate})",
            "",
            "| file | killed | of | rate |",
            "|---|---|---|---|",
        ]
        for path in sorted({o.mutant.path for o in generated_out}):
            k, t, r = _rate([o for o in generated_out if o.mutant.path == path])
            lines.append(f"| `{path}` | {k} | {t} | {r} |")
        survivors = [o for o in generated_out if o.status == "survived"]
        lines += ["", f"### Survivors ({len(survivors)})", ""]
        lines += [f"- {o.mutant.label()}" for o in survivors] or ["None."]
        lines.append("")
    text = "\n".join(lines)
    REPORT.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--planted", action="store_true", help="planted bugs only")
    parser.add_argument("--files", help="generated mutants only in files matching this glob")
    parser.add_argument("--limit", type=int, default=1, help="every k-th generated mutant")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once")
    args = parser.parse_args(argv)
    planted_out = run(planted(), args.jobs)
    generated_out: list[Outcome] = []
    if not args.planted:
        patterns = (args.files,) if args.files else GENERATED_TARGETS
        mutants = [m for path in target_files(patterns) for m in generated(path)]
        generated_out = run(mutants[:: args.limit], args.jobs)
    print(write_report(planted_out, generated_out, args.limit))
    missed = [o for o in planted_out if o.status not in ("killed", "timeout")]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
