"""Sign-in throttling: growing waits after failed passwords, per account and per client address.

A few failures are free (typos); after that each failure doubles the wait before the next
attempt on that account or from that address, up to ``MAX_WAIT_S``. While a wait runs, an
attempt is refused without checking the password at all, so guessing costs time, not argon2
work, and a right password does not help. A success clears the account and the address.

The state lives in the app's process (one process serves every session); a restart forgets it.
At most ``MAX_KEYS`` accounts and addresses are remembered, the oldest dropped first, so a flood
of invented names cannot grow memory.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

FREE_FAILURES = 3
FIRST_WAIT_S = 1.0
MAX_WAIT_S = 300.0
MAX_KEYS = 10_000


@dataclass
class _Failures:
    count: int
    last: float


class Throttle:
    """Failed sign-ins by key (``account:<name>``, ``address:<ip>``) and the waits they cause."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, _Failures] = OrderedDict()

    def wait_s(self, account: str, address: str | None) -> float:
        """Seconds before the next attempt for ``account`` from ``address`` may be checked."""
        now = self._clock()
        with self._lock:
            return max((self._left(key, now) for key in _keys(account, address)), default=0.0)

    def failed(self, account: str, address: str | None) -> None:
        now = self._clock()
        with self._lock:
            for key in _keys(account, address):
                entry = self._seen.pop(key, None) or _Failures(0, now)
                self._seen[key] = _Failures(entry.count + 1, now)
            while len(self._seen) > MAX_KEYS:
                self._seen.popitem(last=False)

    def succeeded(self, account: str, address: str | None) -> None:
        with self._lock:
            for key in _keys(account, address):
                self._seen.pop(key, None)

    def clear(self) -> None:
        """Forget every failure (tests; an operator's restart does the same)."""
        with self._lock:
            self._seen.clear()

    def _left(self, key: str, now: float) -> float:
        entry = self._seen.get(key)
        if entry is None or entry.count < FREE_FAILURES:
            return 0.0
        wait = min(FIRST_WAIT_S * 2 ** (entry.count - FREE_FAILURES), MAX_WAIT_S)
        return max(0.0, entry.last + wait - now)


def _keys(account: str, address: str | None) -> list[str]:
    keys = [f"account:{account.strip().casefold()}"]
    if address:
        keys.append(f"address:{address}")
    return keys


# The app's one throttle.
THROTTLE = Throttle()
