"""OLE2 compound files: which streams they hold, and whether an .xls carries FILEPASS.

Encrypted .xlsx/.xlsm files are compound files with ``EncryptionInfo`` and
``EncryptedPackage`` streams; an encrypted .xls keeps its ``Workbook`` stream but starts it
with a FILEPASS record. This reader follows sector chains defensively (loops and
out-of-range sectors raise ``ValueError``) and reads at most the first MiB of a stream.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
READ_LIMIT = 2**20
_MAX_SECTOR = 0xFFFFFFFA
_ENDOFCHAIN = 0xFFFFFFFE
_HEADER = struct.Struct("<8s16xHHHHH6xIIIIIIIII")
_ENTRY = struct.Struct("<64sHBB12x16x4x8x8xIQ")
_BOF, _EOF, _FILEPASS = 0x0809, 0x000A, 0x002F


class CompoundFile:
    """The directory of a compound file held in memory (uploads are at most tens of MB)."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(SIGNATURE):
            raise ValueError("not a compound file")
        (
            _,
            _,
            _,
            _,
            shift,
            mini_shift,
            _,
            fat_count,
            dir_start,
            _,
            self._mini_cutoff,
            mini_fat_start,
            _,
            difat_start,
            difat_count,
        ) = _HEADER.unpack_from(data)
        if shift not in (9, 12):
            raise ValueError("bad sector size")
        self._data = data
        self._size = 1 << shift
        self._mini_size = 1 << mini_shift
        fat_sectors = self._fat_sectors(difat_start, difat_count, fat_count)
        self._fat = [entry for sector in fat_sectors for entry in self._ints(sector)]
        directory = self._read_chain(dir_start, self._fat, self._sector, None)
        self._entries: dict[str, tuple[int, int, int]] = {}
        for offset in range(0, len(directory) - _ENTRY.size + 1, _ENTRY.size):
            raw_name, name_len, kind, _, start, size = _ENTRY.unpack_from(directory, offset)
            if kind in (1, 2, 5) and 2 <= name_len <= 64:
                name = raw_name[: name_len - 2].decode("utf-16-le", errors="replace")
                self._entries.setdefault(name.lower(), (kind, start, size))
        self._mini_fat_start = mini_fat_start

    @property
    def names(self) -> set[str]:
        """Lower-cased names of every storage and stream."""
        return set(self._entries)

    def read(self, name: str) -> bytes:
        """The first READ_LIMIT bytes of the stream ``name`` (lower case)."""
        _, start, size = self._entries[name]
        if size < self._mini_cutoff:
            _, root_start, _ = next(e for e in self._entries.values() if e[0] == 5)
            mini_stream = self._read_chain(root_start, self._fat, self._sector, None)
            mini_fat = [
                entry
                for sector in self._chain(self._mini_fat_start, self._fat)
                for entry in self._ints(sector)
            ]
            return self._read_chain(
                start,
                mini_fat,
                lambda n: mini_stream[n * self._mini_size : (n + 1) * self._mini_size],
                size,
            )
        return self._read_chain(start, self._fat, self._sector, size)

    def _fat_sectors(self, difat_start: int, difat_count: int, fat_count: int) -> list[int]:
        sectors = list(struct.unpack_from("<109I", self._data, 76))
        next_sector, seen = difat_start, set()
        while next_sector <= _MAX_SECTOR and len(seen) < difat_count:
            if next_sector in seen:
                raise ValueError("DIFAT loop")
            seen.add(next_sector)
            *entries, next_sector = self._ints(next_sector)
            sectors.extend(entries)
        return [s for s in sectors if s <= _MAX_SECTOR][:fat_count]

    def _sector(self, number: int) -> bytes:
        offset = (number + 1) * self._size
        if offset >= len(self._data):
            raise ValueError("sector past end of file")
        return self._data[offset : offset + self._size]

    def _ints(self, number: int) -> tuple[int, ...]:
        sector = self._sector(number).ljust(self._size, b"\0")
        return struct.unpack(f"<{self._size // 4}I", sector)

    @staticmethod
    def _chain(start: int, fat: list[int]) -> list[int]:
        chain: list[int] = []
        seen: set[int] = set()
        sector = start
        while sector <= _MAX_SECTOR:
            if sector in seen or sector >= len(fat):
                raise ValueError("broken sector chain")
            seen.add(sector)
            chain.append(sector)
            sector = fat[sector]
        return chain

    def _read_chain(
        self, start: int, fat: list[int], sector_bytes: Callable[[int], bytes], size: int | None
    ) -> bytes:
        """The first ``size`` bytes of a chain (all of it when None), at most READ_LIMIT."""
        wanted = min(size if size is not None else READ_LIMIT, READ_LIMIT)
        out = bytearray()
        for sector in self._chain(start, fat):
            if len(out) >= wanted:
                break
            out += sector_bytes(sector)
        return bytes(out[:wanted])


def has_filepass(workbook_stream: bytes) -> bool:
    """Whether the BIFF workbook globals (up to their EOF record) hold a FILEPASS record."""
    offset = 0
    while offset + 4 <= len(workbook_stream):
        record, length = struct.unpack_from("<HH", workbook_stream, offset)
        if record == _FILEPASS:
            return True
        if record == _EOF or (offset == 0 and record != _BOF):
            return False
        offset += 4 + length
    return False


def read_compound(path: Path) -> CompoundFile:
    """The compound file at ``path``; ValueError when its structure is broken."""
    return CompoundFile(path.read_bytes())
