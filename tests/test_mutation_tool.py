"""``make mutate``'s planted bugs are text edits of the rule modules: each must still find its
text, or the mutation report would silently test less after a rewrite."""

from __future__ import annotations

from tools import mutate


def test_every_planted_bug_still_applies() -> None:
    mutants = mutate.planted()  # exits naming the bug whose text is gone
    assert len(mutants) == len(mutate.PLANTED)
    for mutant in mutants:
        text = (mutate.ROOT / mutant.path).read_text(encoding="utf-8")
        assert mutant.apply(text) != text, mutant.why
