"""What a first-time user is told: `make run` says what it does while it installs, and the
README says how to change the port, that local mode is for one machine and what each role sees
(it claimed `make run` opens a browser, which it does not)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _dry_run(target: str) -> list[str]:
    """The commands `make` would run for ``target``, as if nothing were installed yet."""
    done = subprocess.run(
        ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_first_install_says_what_it_is_doing_before_it_starts() -> None:
    lines = _dry_run("install")
    pip = next(i for i, line in enumerate(lines) if "pip install" in line)
    assert any(line.startswith("echo") and "installing" in line for line in lines[:pip])


def test_run_prints_the_address_to_open() -> None:
    lines = _dry_run("run")
    start = next(i for i, line in enumerate(lines) if "streamlit run" in line)
    assert any("http://localhost:8501" in line for line in lines[:start])
    assert any("http://localhost:9000" in line for line in _run_on_port(9000))


def _run_on_port(port: int) -> list[str]:
    done = subprocess.run(
        ["make", "-n", "run", f"PORT={port}"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_readme_tells_port_local_mode_and_roles() -> None:
    assert "make run PORT=8502" in README
    assert "opens http://localhost" not in README
    assert "does not open a browser" in README
    assert "local mode" in README and "this computer only" in README
    for role in ("klusterikoordinaattori", "kaupunginhallituksen jäsen"):
        assert role in README
    for page in ("Aineisto / Data", "Asetukset / Settings", "Käyttöloki / Audit log"):
        assert page in README
