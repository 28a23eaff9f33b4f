"""The pseudonymisation key file: made once, whole and private; a damaged one is never replaced."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from data.pseudonym import KeyFileError, key_path, keyed_hash, load_key, write_key


def test_key_is_made_once_with_mode_0600_and_no_leftovers(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "keys" / "k.key"
    monkeypatch.setenv("KLUSTERIMITTARI_KEY_FILE", str(path))
    key = load_key(None)
    assert len(key) == 32 and key_path(None) == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["k.key"]  # no temporary file left
    assert load_key(None) == key  # read back, not made again


def test_an_existing_key_is_never_overwritten_unless_replaced(tmp_path: Path) -> None:
    path = tmp_path / "k.key"
    write_key(path, "ab" * 32, replace=False)
    with pytest.raises(FileExistsError):
        write_key(path, "cd" * 32, replace=False)
    assert path.read_text() == "ab" * 32
    write_key(path, "cd" * 32, replace=True)
    assert path.read_text() == "cd" * 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["k.key"]


@pytest.mark.parametrize("content", ["", "  \n", "not hex"])
def test_an_empty_or_damaged_key_is_refused_in_both_languages(
    tmp_path: Path, monkeypatch, content: str
) -> None:
    path = tmp_path / "k.key"
    path.write_text(content)
    monkeypatch.setenv("KLUSTERIMITTARI_KEY_FILE", str(path))
    with pytest.raises(KeyFileError) as caught:
        load_key(None)
    assert caught.value.message("en").startswith(f"The pseudonymisation key file {path} is empty")
    assert caught.value.message("fi").startswith(f"Pseudonymisointiavaimen tiedosto {path}")
    assert path.read_text() == content  # left for the manager to restore, never replaced


def test_an_unreadable_key_names_the_reason(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "k.key"
    path.mkdir()  # a folder where the key should be: reading fails
    monkeypatch.setenv("KLUSTERIMITTARI_KEY_FILE", str(path))
    with pytest.raises(KeyFileError) as caught:
        load_key(None)
    assert f"Cannot read the pseudonymisation key {path}: Is a directory" in str(caught.value)


def test_keyed_hash_normalises_before_hashing() -> None:
    key = bytes.fromhex("ab" * 32)
    assert keyed_hash(key, "  Maija  MEIKÄLÄINEN ") == keyed_hash(key, "maija meikäläinen")
    assert keyed_hash(key, "maija") != keyed_hash(bytes.fromhex("cd" * 32), "maija")
    assert keyed_hash(key, "   ") is None
