"""Text from uploads shown inside Streamlit Markdown (titles, captions): escaped so that a file
name, story title or cluster name cannot format, link or inject anything."""

from __future__ import annotations

_SPECIAL = set("\\`*_{}[]<>()#+-.!|~$:")


def escape(text: str) -> str:
    """``text`` with every Markdown special character backslash-escaped."""
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)
