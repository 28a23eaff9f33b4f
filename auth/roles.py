"""The two roles and the one check core functions make before returning protected data.

The board reads charts and reports; only the manager uploads, edits, and sees raw rows and
open-text survey answers. Core functions that return such data call ``require_manager`` so the
rule holds whatever page or command asks.
"""

from __future__ import annotations

from typing import Literal

Role = Literal["manager", "board"]
ROLES: tuple[Role, ...] = ("manager", "board")


class PermissionDenied(PermissionError):
    """Raised when the board role asks for manager-only data or actions."""


def require_manager(role: str) -> None:
    """Raise PermissionDenied unless ``role`` is the manager."""
    if role != "manager":
        raise PermissionDenied(f"role {role!r} may not do this; manager only")
