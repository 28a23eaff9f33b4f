"""The user name the command line records in the import and audit logs by default."""

from __future__ import annotations

import getpass


def login_name() -> str | None:
    """The login name of whoever runs the command; None where the system has none for them."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None
