"""The survey item catalogue (SPEC 5) and the Likert text scale (SPEC 2, survey).

Codes and texts of the scored items must match SPEC exactly; the open items (scale ``text``)
come from DOMAIN 4.3 and are shown to the manager role only.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Item:
    code: str
    text_fi: str
    text_en: str
    scale: str  # likert5 | yesno | text
    indicator: str | None


CATALOGUE: tuple[Item, ...] = (
    Item(
        "A1",
        "Miten edellinen vuosi klusterissa mielestänne meni?",
        "How did the past year in the cluster go?",
        "likert5",
        "ORG-5",
    ),
    Item(
        "A6",
        "Klusterin toiminta palvelee organisaatiotamme.",
        "The cluster's activity serves our organisation.",
        "likert5",
        "ORG-5",
    ),
    Item(
        "A7",
        "Klusteriorganisaatio on onnistunut vastaamaan tarpeisiimme.",
        "The cluster organisation has met our needs.",
        "likert5",
        "ORG-5",
    ),
    Item("N1", "Jäsenet luottavat toisiinsa.", "Members trust each other.", "likert5", "ORG-5"),
    Item("N2", "Vuorovaikutus on avointa.", "Interaction is open.", "likert5", "ORG-5"),
    Item(
        "N3",
        "Klusteri tuottaa lisäarvoa jäsenilleen.",
        "The cluster adds value for its members.",
        "likert5",
        "ORG-5",
    ),
    Item(
        "P1",
        "Klusteritoiminta on lisännyt organisaatiomme osaamista.",
        "Cluster activity has increased our organisation's competence.",
        "likert5",
        "PUB-1",
    ),
    Item(
        "P3",
        "Klusterin kautta saamme hyödyllistä tietoa toimialasta.",
        "Through the cluster we receive useful information about the sector.",
        "likert5",
        "PUB-3",
    ),
    Item(
        "A12",
        "Onko klusteritoiminta vaikuttanut yrityksenne strategiaan?",
        "Has cluster activity influenced your company's strategy?",
        "yesno",
        "COM-3",
    ),
    Item(
        "B1",
        "Tapahtuma oli hyödyllinen organisaatiolleni.",
        "The event was useful for my organisation.",
        "likert5",
        "ORG-5",
    ),
    # Open questions (manager only).
    Item(
        "A2",
        "Mitä klusterin toiminnassa pitäisi korjata?",
        "What should be fixed in the cluster's activity?",
        "text",
        None,
    ),
    Item(
        "A3",
        "Millaisia toiveita teillä on klusterille seuraavalle vuodelle?",
        "What do you wish from the cluster for next year?",
        "text",
        None,
    ),
    Item(
        "A4",
        "Mitkä ovat toimialan keskeisimmät haasteet?",
        "What are the sector's main challenges?",
        "text",
        None,
    ),
    Item(
        "A5",
        "Mitä organisaationne voi tarjota klusterille?",
        "What can your organisation offer the cluster?",
        "text",
        None,
    ),
    Item(
        "A14",
        "Jos klusteria ei olisi, mikä olisi toisin?",
        "If the cluster did not exist, what would be different?",
        "text",
        None,
    ),
    Item("B4", "Mitä jatkossa?", "What next?", "text", None),
)

BY_CODE: dict[str, Item] = {item.code: item for item in CATALOGUE}

# Likert answers given as text (SPEC 2): normalised text -> 1..5.
LIKERT_TEXT: dict[str, int] = {
    "täysin eri mieltä": 1,
    "jokseenkin eri mieltä": 2,
    "ei samaa eikä eri mieltä": 3,
    "jokseenkin samaa mieltä": 4,
    "täysin samaa mieltä": 5,
    # Webropol's and Forms' wordings (SPEC 2.1)
    "osittain eri mieltä": 2,
    "eri mieltä": 2,
    "osittain samaa mieltä": 4,
    "samaa mieltä": 4,
    "strongly disagree": 1,
    "disagree": 2,
    "somewhat disagree": 2,
    "neither agree nor disagree": 3,
    "neither agree or disagree": 3,
    "agree": 4,
    "somewhat agree": 4,
    "strongly agree": 5,
}
# Answers that mean "no answer".
NO_ANSWER: frozenset[str] = frozenset(
    {
        "en osaa sanoa",
        "eos",
        "ei kantaa",
        "don't know",
        "dont know",
        "do not know",
        "n/a",
        "-",
        "",
    }
)
# Yes/no items.
YES_TEXT: frozenset[str] = frozenset({"kyllä", "k", "yes", "y", "true", "1", "x"})
NO_TEXT: frozenset[str] = frozenset({"ei", "e", "no", "n", "false", "0"})


def seed(con: duckdb.DuckDBPyConnection) -> None:
    """Write the catalogue into ``survey_item`` (idempotent)."""
    con.executemany(
        "INSERT OR REPLACE INTO survey_item VALUES (?, ?, ?, ?, ?)",
        [(i.code, i.text_fi, i.text_en, i.scale, i.indicator) for i in CATALOGUE],
    )
