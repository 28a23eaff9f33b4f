"""The benchmark code runs end to end on tiny inputs (no timing is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.report import END, START

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = (
    "machine",
    "import",
    "indicators",
    "export",
    "pages",
    "startup",
    "scale",
    "memory",
    "targets",
)


@pytest.mark.slow
def test_smoke_benchmark_writes_results_and_doc_tables(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(f"# Benchmarks\n\nMethod text.\n\n{START}\nold\n{END}\n\nFindings.\n")
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--smoke", "--out", str(out), "--doc", str(doc)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text())
    assert all(section in results for section in SECTIONS)
    assert set(results["import"]) == {"attendance", "survey", "members"}
    assert results["import"]["survey"]["columns"] == 40
    assert results["memory"]["status"] == "loaded"
    assert results["memory"]["rows_loaded"] > 0
    reader = results["memory"]["reader"]
    assert reader["peak_mib"] >= reader["loaded_mib"] > 0 and reader["arrow_mib"] > 0
    memory = results["memory"]
    assert memory["tree_peak_mib"] >= max(memory["importer_peak_mib"], memory["worker_peak_mib"])
    assert memory["worker_peak_mib"] > 0
    # Each import's time split by its stages, each stage seen in every repetition.
    for entry in results["import"].values():
        stages = entry["stages_s"]
        assert list(stages) == ["parse", "check", "load"]
        assert all(stage["min"] > 0 and stage["runs"] == 1 for stage in stages.values())
        total = sum(stage["median"] for stage in stages.values())
        assert total == pytest.approx(entry["import_s"]["median"], abs=0.05)
    assert results["indicators"]["records"] > 0
    assert results["export"]["rows"] >= 300
    assert results["pages"] and all(p.startswith("pages/") for p in results["pages"])
    # 4 import targets, memory, indicators at scale, export, pages, start-up (no browser)
    assert len(results["targets"]) == 9 and results["browser"] is None
    assert [p["participations"] for p in results["scale"]] == [1_000, 10_000, 10_000]
    assert results["scale"][-1]["clusters"] == 2 and results["scale"][0]["records"] > 0
    assert results["startup"]["health_s"]["median"] > 0
    text = doc.read_text()
    assert text.startswith("# Benchmarks\n\nMethod text.") and text.endswith("Findings.\n")
    assert "\nold\n" not in text and "| import ÷ reader |" in text
    assert "| after parsing ÷ reader alone |" in text and "reader alone in a fresh process" in text
    assert "### Scale curve" in text
    assert text.count(START) == 1 and "### Targets" in text
