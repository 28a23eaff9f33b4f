"""``python -m auth.preflight``: refuse to start the app when ``[auth]`` is incomplete.

``make run`` runs this before Streamlit, so a misspelt or empty OIDC setting stops the start
with a clear message in both languages instead of opening the app in local mode. It reads the
secrets files Streamlit reads: the user's ``~/.streamlit/secrets.toml``, then the project's
``.streamlit/secrets.toml`` (whose sections win).
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from auth.oidc import config_error


def secrets_files() -> list[Path]:
    return [Path.home() / ".streamlit" / "secrets.toml", Path.cwd() / ".streamlit" / "secrets.toml"]


def auth_section(files: list[Path]) -> dict | None:
    """The ``[auth]`` section the app will see (the last file that has one)."""
    section = None
    for path in files:
        if path.is_file():
            with path.open("rb") as fh:
                section = tomllib.load(fh).get("auth", section)
    return section


def main(files: list[Path] | None = None) -> int:
    problem = config_error(auth_section(secrets_files() if files is None else files))
    if problem is None:
        return 0
    print(problem.message("fi"), problem.message("en"), sep="\n", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
