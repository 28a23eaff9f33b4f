"""How results read to people (``indicators.present``): values in their unit in Finnish and
English, metric labels without raw ids, notes in the reader's language, the SPEC record."""

from __future__ import annotations

import pytest

from cli.cmd_indicators import _table
from indicators import present
from indicators.record import Note, Result
from indicators.registry import built_in

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "unit", "lang", "text"),
    [
        (1234.5, "eur", "fi", f"1{NBSP}234,50{NBSP}€"),
        (1234.5, "eur", "en", "€1,234.50"),
        (25000, "eur", "fi", f"25{NBSP}000{NBSP}€"),
        (-300.0, "eur", "fi", f"−300{NBSP}€"),
        (0.125, "share", "fi", f"12,5{NBSP}%"),
        (0.4, "share", "fi", f"40{NBSP}%"),
        (0.4, "share", "en", "40%"),
        (-0.25, "ratio", "en", "−25%"),
        (3.5, "score", "fi", "3,50"),
        (3.4286, "score", "en", "3.43"),
        (1234, "count", "fi", f"1{NBSP}234"),
        (2.5, "count", "en", "2.50"),
        (None, "count", "fi", "–"),
        (float("nan"), "eur", "fi", "–"),
    ],
)
def test_value_in_its_unit(value, unit: str, lang: str, text: str) -> None:
    assert present.format_value(value, unit, lang) == text


@pytest.mark.parametrize(
    ("code", "metric", "lang", "label"),
    [
        ("ORG-4", "events_held", "fi", "Järjestetyt tapahtumat"),
        ("ORG-4", "events_held", "en", "Events held"),
        (
            "ORG-4",
            "participating_orgs_by_type.rdi",
            "fi",
            "Osallistuneet organisaatiot tyypeittäin: TKI-toimija",
        ),
        (
            "ORG-5",
            "agree_share.N1",
            "en",
            "Agree (4–5) or yes: Members trust each other",
        ),
        (
            "ORG-5",
            "mean.A6",
            "fi",
            "Keskiarvo (1–5): Klusterin toiminta palvelee organisaatiotamme",
        ),
        ("COM-1", "outcomes_eur", "en", "Value of outcomes (€)"),
        ("ORG-4", "no_such_metric", "fi", "no_such_metric"),
    ],
)
def test_metric_label(code: str, metric: str, lang: str, label: str) -> None:
    assert present.metric_label(built_in()[code], metric, lang) == label


def test_family_label_and_unknown_indicator() -> None:
    assert present.family_label(built_in()["ORG-5"], "mean", "en") == "Mean (1–5)"
    assert present.metric_label(None, "x.y", "fi") == "x.y"


@pytest.mark.parametrize(
    ("note", "lang", "text"),
    [
        (
            Note.of("indicators.note.upload", kinds=("members", "participants")),
            "fi",
            "Ei tietoja: tuo jäsenrekisteri ja osallistujalistat.",
        ),
        (
            Note.of("indicators.note.upload", kinds=("events",)),
            "en",
            "No data: upload the event list.",
        ),
        (Note.of("indicators.note.suppressed"), "en", "Fewer than 5 answers: figure hidden."),
        (
            Note.of("analytics.custom.no_data", year=2024),
            "en",
            "No data for 2024: check the source data of this custom indicator.",
        ),
        (None, "fi", None),
    ],
)
def test_note_in_the_readers_language(note: Note | None, lang: str, text: str | None) -> None:
    assert present.note_text(note, lang) == text


def test_record_in_spec_order_with_the_note_in_words() -> None:
    result = Result(
        "ORG-5",
        "mean.A7",
        2024,
        None,
        "score",
        3,
        True,
        "Yhteistyön laatu",
        "Quality of cooperation",
        "cluster_org",
        "SRV",
        Note.of("indicators.note.suppressed"),
    )
    assert present.record(result, "fi") == {
        "code": "ORG-5",
        "metric": "mean.A7",
        "year": 2024,
        "value": None,
        "unit": "score",
        "n": 3,
        "suppressed": True,
        "name_fi": "Yhteistyön laatu",
        "name_en": "Quality of cooperation",
        "recipient": "cluster_org",
        "data_class": "SRV",
        "note": "Alle 5 vastausta: luku piilotettu.",
    }


def _result(metric: str, value, unit: str, n) -> Result:
    return Result(
        "COM-1", metric, 2024, value, unit, n, False, "Uudet kumppanuudet",
        "New partnerships", "companies", "LOG", None,
    )  # fmt: skip


HIDDEN = Result(
    "ORG-5", "mean.A7", 2024, None, "score", 3, True, "Yhteistyön laatu",
    "Quality of cooperation", "cluster_org", "SRV", Note.of("indicators.note.suppressed"),
)  # fmt: skip


@pytest.mark.parametrize(
    ("result", "lang", "line"),
    [
        # A euro sum of no entered amount reads "not recorded", as on the app's cards; a sum's
        # n (its rows) is not shown.
        (_result("outcomes_eur", 0.0, "eur", 0), "en", "Value of outcomes (€): not recorded"),
        (_result("outcomes_eur", 1500.0, "eur", 2), "fi", f"Tulosten arvo (€): 1{NBSP}500{NBSP}€"),
        (_result("outcomes", 3, "count", 3), "en", "Recorded outcomes: 3 (n = 3)"),
        # Hidden under n < 5 in words, once (the note would say it again).
        (
            HIDDEN,
            "en",
            "Mean (1–5): The cluster organisation has met our needs: not shown (n < 5) (n = 3)",
        ),
    ],
)
def test_cli_table_reads_as_the_app(capsys, result: Result, lang: str, line: str) -> None:
    _table([result], built_in(), lang)
    assert capsys.readouterr().out.splitlines()[2] == f"  2024  {line}"
