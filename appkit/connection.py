"""The process's one database connection, its indicator registry and the results cached on it.

Queries take a cursor from the cached connection; results are cached by database, data
version (``data.versions``), function and arguments, so an import from the command line also
refreshes the app. The registry (built-in and the installation's custom indicators) is built
once per database and version of the custom indicator file.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import duckdb
import streamlit as st

from appkit.context import Ctx
from data.schema import SchemaTooNew
from data.store import (
    DEFAULT_CLUSTER,
    DatabaseBusy,
    default_db_path,
    ensure_cluster,
    open_db,
    write_transaction,
)
from indicators.custom import CustomIndicatorError, custom_path
from indicators.registry import Registry, built_in, load_registry


@st.cache_resource(show_spinner=False)
def connection(db: str) -> duckdb.DuckDBPyConnection:
    """The process's one connection to the database (queries take cursors from it)."""
    con = open_db(db)
    with write_transaction(con) as cur:
        if not cur.execute("SELECT count(*) FROM cluster").fetchone()[0]:
            ensure_cluster(cur, DEFAULT_CLUSTER)
    return con


def registry(db: str) -> Registry:
    """The indicators of the installation behind ``db``, as the CLI sees them; the built-in
    ones alone when its custom indicator file cannot be used (``custom_file_error`` says why,
    to the manager on the settings page only)."""
    path = custom_path(connection(db))
    stamp = path.stat().st_mtime_ns if path is not None and path.exists() else 0
    try:
        found = _registry(db, stamp)
    except CustomIndicatorError as unusable:
        _UNUSABLE[db] = unusable
        return built_in()
    _UNUSABLE.pop(db, None)
    return found


@st.cache_resource(show_spinner=False, max_entries=4)
def _registry(db: str, stamp: int) -> Registry:
    return load_registry(connection(db))


# Why the custom indicator file of a database could not be used (its text may quote the SQL).
_UNUSABLE: dict[str, CustomIndicatorError] = {}


def custom_file_error(db: str) -> CustomIndicatorError | None:
    """The reason the custom indicators of ``db`` were not loaded, for the manager's eyes."""
    return _UNUSABLE.get(db)


def open_connection(lang: str) -> duckdb.DuckDBPyConnection:
    """The database connection, or the reason it is unavailable (and this run stops)."""
    try:
        return connection(str(default_db_path()))
    except DatabaseBusy as busy:  # another process (an import on the command line) holds it
        st.error(busy.message(lang), icon=":material/lock:")
        st.stop()
    except SchemaTooNew as too_new:  # written by a newer version of the program
        st.error(too_new.message(lang))
        st.stop()


@st.cache_data(show_spinner=False, max_entries=1024)
def run_cached(db: str, version: str, target: str, args: tuple, kwargs: tuple) -> Any:
    """``target`` (``module:function``) called with a fresh cursor, cached by its arguments."""
    module, name = target.split(":")
    func = getattr(importlib.import_module(module), name)
    cur = connection(db).cursor()
    try:
        return func(cur, *args, **dict(kwargs))
    finally:
        cur.close()


def target(func: Callable[..., Any]) -> str:
    """``func`` as ``module:function``: how ``run_cached`` names what it runs."""
    return f"{func.__module__}:{func.__qualname__}"


def cached(c: Ctx, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``func(cursor, *args, **kwargs)``, cached until the data change (keyed by data version)."""
    return cached_as_of(c, "", func, *args, **kwargs)


def cached_as_of(c: Ctx, token: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """As ``cached``, and also until ``token`` changes: for what the data version does not
    track (the audit log grows with every sign-in and export)."""
    version = f"{c.version}|{token}" if token else c.version
    return run_cached(c.db, version, target(func), args, tuple(sorted(kwargs.items())))


def clear_caches() -> None:
    """Forget every computed result (after an import, an undo or a settings change)."""
    st.cache_data.clear()
