"""The indicator registry: the cookbook's Table 3 (DOMAIN 1.1), FUN-1 and ESCA readiness.

A plain data structure that the computation, the pages, the exports and the custom-indicator
loader all read. An ``Indicator`` names its value recipient, data class, metrics (unit and the
input kinds each needs), the tables it reads, a caveat from the cookbook and its computation: a
SQL query over the ``v_*`` views with ``$cluster_id``, ``$first`` and ``$last`` that returns
``year, metric, value, n, note`` rows (see ``indicators.queries``). Add entries with ``register``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from data.survey_catalogue import CATALOGUE
from indicators import queries
from indicators.record import DATA_CLASSES, RECIPIENTS
from indicators.survey import MIN_N
from indicators.survey import indicator_sql as survey_sql

# count: whole number; eur: euros (2 decimals); share: fraction 0-1 (4 decimals);
# ratio: a relative change, may be negative or above 1 (4 decimals); score: a mean of 1-5 (2 decimals).
UNITS = ("count", "eur", "share", "ratio", "score")


@dataclass(frozen=True)
class Metric:
    """One metric of an indicator. A ``name`` ending in ``.*`` is a family (``mean.A6``, a
    breakdown by org type) with records only for the values that occur; other metrics have a
    record for every year. ``inputs`` are the input kinds whose absence makes the value null with
    an "upload" note; ``min_n`` suppresses values resting on fewer answers, and on an unknown
    number of them unless ``n_optional`` (a custom metric that is not a survey figure)."""

    name: str
    unit: str
    inputs: tuple[str, ...]
    label_fi: str
    label_en: str
    min_n: int | None = None
    n_optional: bool = False

    @property
    def is_family(self) -> bool:
        return self.name.endswith(".*")

    def matches(self, metric: str) -> bool:
        return metric.startswith(self.name[:-1]) if self.is_family else metric == self.name


@dataclass(frozen=True)
class Indicator:
    """One indicator: who gains (``recipient``), how it is known (``data_class``), what it
    computes (``metrics`` by ``sql``) and what the cookbook warns about it (``caveat_*``)."""

    code: str
    recipient: str
    name_fi: str
    name_en: str
    description_fi: str
    description_en: str
    data_class: str
    metrics: tuple[Metric, ...]
    tables: tuple[str, ...]
    caveat_fi: str
    caveat_en: str
    sql: str
    references: dict[str, float] = field(
        default_factory=dict
    )  # benchmark per metric, e.g. 20/30/50
    custom: bool = False  # defined by the installation (indicators.custom): its SQL runs guarded

    def metric(self, name: str) -> Metric | None:
        """The metric spec ``name`` falls under (exact name first, then a family)."""
        exact = [m for m in self.metrics if not m.is_family and m.matches(name)]
        return exact[0] if exact else next((m for m in self.metrics if m.matches(name)), None)

    @property
    def inputs(self) -> tuple[str, ...]:
        """Every input kind any metric reads, in first-use order."""
        return tuple(dict.fromkeys(kind for m in self.metrics for kind in m.inputs))


REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    """Add or replace ``indicator`` after checking its shape."""
    if indicator.recipient not in RECIPIENTS:
        raise ValueError(f"{indicator.code}: unknown recipient {indicator.recipient!r}")
    if indicator.data_class not in DATA_CLASSES:
        raise ValueError(f"{indicator.code}: unknown data class {indicator.data_class!r}")
    for metric in indicator.metrics:
        if metric.unit not in UNITS:
            raise ValueError(f"{indicator.code}.{metric.name}: unknown unit {metric.unit!r}")
    REGISTRY[indicator.code] = indicator
    return indicator


# --- caveats the cookbook repeats (DOMAIN 1.2, 4.2) ---------------------------------------------
_ATTR = (
    "Vaikutusta on vaikea osoittaa klusterin ansioksi: syy-yhteyttä ei aina voi päätellä (W9).",
    "Attribution is hard: causality cannot always be inferred (W9).",
)
_YEARS = (
    "Katso useamman vuoden jaksoa: vaikutukset näkyvät hitaasti ja harvoin hankkeen aikana (W5).",
    "Look at several years: effects show slowly and rarely within a project's lifetime (W5).",
)
_ACTIVITY = (
    "Toiminnan määrä ei ole vaikuttavuutta: määrät eivät kerro luottamuksesta tai hyödystä (W11).",
    "Activity is not impact: counts say nothing of trust or benefit (W11).",
)
_LOG = (
    "Perustuu koordinaattorin kirjaamiin tapauksiin; kirjaamatta jääneet puuttuvat.",
    "Based on the cases the manager records; unrecorded cases are missing.",
)
_SURVEY = (
    (
        f"Kyselyluvuissa näytetään vastausten määrä n ja vastausprosentti; alle {MIN_N} vastauksen "
        "lukuja ei näytetä (W1, W13)."
    ),
    (
        f"Survey figures show the number of answers n and the response rate; figures from fewer "
        f"than {MIN_N} answers are hidden (W1, W13)."
    ),
)
_REGIONAL = (
    "Aluetilastot ovat taustatietoa, eivät klusterin ansiota.",
    "Regional statistics are context, not attributable to the cluster.",
)


def _caveat(*parts: tuple[str, str]) -> tuple[str, str]:
    return " ".join(p[0] for p in parts), " ".join(p[1] for p in parts)


# --- metric builders ------------------------------------------------------------------------------
def _m(name: str, unit: str, inputs: tuple[str, ...], fi: str, en: str) -> Metric:
    return Metric(name, unit, inputs, fi, en)


def _outcome_metrics() -> tuple[Metric, ...]:
    return (
        _m("outcomes", "count", ("outcomes",), "Kirjatut tulokset", "Recorded outcomes"),
        _m("outcomes_eur", "eur", ("outcomes",), "Tulosten arvo (€)", "Value of outcomes (€)"),
    )


def _survey_metrics() -> tuple[Metric, ...]:
    return (
        Metric("mean.*", "score", ("survey",), "Keskiarvo (1–5)", "Mean (1–5)", MIN_N),
        Metric(
            "agree_share.*",
            "share",
            ("survey",),
            "Samaa mieltä (4–5) tai kyllä",
            "Agree (4–5) or yes",
            MIN_N,
        ),
    )


_OUTCOME_TABLES = ("v_outcome",)
# Indicator codes the survey catalogue feeds: an item added for a code adds its figures there.
_SURVEY_CODES = frozenset(item.indicator for item in CATALOGUE if item.indicator)
_SURVEY_TABLES = ("v_survey", "v_survey_answer", "survey_item")


def _outcome_indicator(
    code: str,
    recipient: str,
    names: tuple[str, str],
    types: tuple[str, ...],
    desc: tuple[str, str],
    caveat: tuple[str, str],
    data_class: str = "LOG",
    extra_metrics: tuple[Metric, ...] = (),
    extra_sql: str | None = None,
    extra_tables: tuple[str, ...] = (),
) -> Indicator:
    """An indicator counted from the outcome log (SPEC 5 type mapping), plus the survey items the
    catalogue assigns to ``code`` and any ``extra_sql`` with its metrics."""
    parts = [queries.outcomes_sql(types)] + ([extra_sql] if extra_sql else [])
    metrics, tables = _outcome_metrics() + extra_metrics, _OUTCOME_TABLES + extra_tables
    if code in _SURVEY_CODES:
        parts.append(survey_sql(code))
        metrics, tables = metrics + _survey_metrics(), tables + _SURVEY_TABLES
    typelist = ", ".join(types)
    return Indicator(
        code=code,
        recipient=recipient,
        name_fi=names[0],
        name_en=names[1],
        description_fi=f"{desc[0]} Tulosloki: tyypit {typelist}; määrä ja summa (€) vuosittain.",
        description_en=f"{desc[1]} Outcome log: types {typelist}; count and sum (€) per year.",
        data_class=data_class,
        metrics=metrics,
        tables=tables,
        caveat_fi=caveat[0],
        caveat_en=caveat[1],
        sql=_union(parts),
    )


def _union(queries_: list[str]) -> str:
    """One query returning the long rows of all ``queries_``."""
    if len(queries_) == 1:
        return queries_[0]
    return " UNION ALL ".join(f"SELECT * FROM ({q})" for q in queries_)


def _build() -> None:
    reg = register
    # Regional impact ------------------------------------------------------------------------------
    reg(
        _outcome_indicator(
            "REG-1",
            "region",
            ("Laadukkaat palvelut kansalaisille", "High-quality services for citizens"),
            ("public_service_improvement", "innovation_procurement"),
            (
                "Julkisten palvelujen parannukset ja innovatiiviset hankinnat, joissa klusteri oli mukana.",
                "Public-service improvements and innovative procurements the cluster took part in.",
            ),
            _caveat(
                _LOG, _ATTR, ("Pääosin laadullinen mittari.", "Mostly a qualitative indicator.")
            ),
        )
    )
    reg(
        _outcome_indicator(
            "REG-2",
            "region",
            ("Markkinoiden ja teollisuuden uudistuminen", "Renewal of markets and industry"),
            ("new_product_service", "innovation"),
            (
                "Uudet tuotteet, palvelut ja innovaatiot (sama lähde kuin COM-2).",
                "New products, services and innovations (same source as COM-2).",
            ),
            _caveat(_LOG, _ATTR, _YEARS),
        )
    )
    reg(
        Indicator(
            code="REG-3",
            recipient="region",
            name_fi="Työpaikat alueella",
            name_en="Jobs in the region",
            description_fi="Jäsenyritysten henkilöstö yhteensä vuoden lopun jäsenistä; n = yritykset, "
            "joiden henkilöstömäärä tiedetään.",
            description_en="Total employees of the company members at year end; n = companies whose "
            "employee count is known.",
            data_class="ADM",
            metrics=(
                _m(
                    "member_jobs",
                    "count",
                    ("members",),
                    "Jäsenyritysten työpaikat yhteensä (kasvaa jäsenmäärän mukana)",
                    "Jobs in member companies, total (grows with membership)",
                ),
            ),
            tables=("v_member",),
            caveat_fi=_caveat(_ATTR, _REGIONAL)[0]
            + " Henkilöstömäärä on jäsenrekisterin nykyinen tieto, "
            "ja jäsenmäärän kasvu kasvattaa summaa ilman uusia työpaikkoja.",
            caveat_en=_caveat(_ATTR, _REGIONAL)[1]
            + " Employee counts are the register's current figures, "
            "and a growing membership raises the sum without any new jobs.",
            sql=queries.reg3_sql(),
        )
    )
    reg(
        Indicator(
            code="REG-4",
            recipient="region",
            name_fi="Tutkimustulosten kohdistuminen yritysten ja alueen haasteisiin",
            name_en="Research results targeted at the challenges of companies and the region",
            description_fi="Yhteiset TKI-hankkeet: rahoitetut, vuonna alkaneet hankkeet, joissa on sekä "
            "TKI-toimija että yritys kumppanina; määrä ja kokonaisbudjetti.",
            description_en="Joint RDI projects: funded projects starting in the year with both an RDI "
            "actor and a company as partners; count and total budget.",
            data_class="ADM",
            metrics=(
                _m(
                    "joint_rdi_projects",
                    "count",
                    ("projects",),
                    "Yhteiset TKI-hankkeet",
                    "Joint RDI projects",
                ),
                _m(
                    "joint_rdi_projects_eur",
                    "eur",
                    ("projects",),
                    "Yhteisten TKI-hankkeiden budjetti (€)",
                    "Budget of joint RDI projects (€)",
                ),
            ),
            tables=("v_project", "v_project_partner", "v_org"),
            caveat_fi=_caveat(_ACTIVITY, _YEARS)[0]
            + " Hanke on välillinen merkki: se ei kerro, vastasiko "
            "tutkimus haasteisiin.",
            caveat_en=_caveat(_ACTIVITY, _YEARS)[1]
            + " A project is an indirect sign: it does not show "
            "whether the research met the challenges.",
            sql=queries.reg4_sql(),
        )
    )
    reg(
        _outcome_indicator(
            "REG-5",
            "region",
            (
                "Uusien toimijoiden ja investointien houkuttelu alueelle",
                "Attracting new actors and investments to the region",
            ),
            ("investment_domestic", "investment_foreign", "new_establishment"),
            (
                "Investoinnit ja uudet toimipaikat, joissa klusterilla oli osuutta.",
                "Investments and new establishments in which the cluster had a part.",
            ),
            _caveat(_LOG, _ATTR, _REGIONAL),
        )
    )
    # Cluster organisation ------------------------------------------------------------------------
    mp = ("members", "participants")
    reg(
        Indicator(
            code="ORG-1",
            recipient="cluster_org",
            name_fi="Sitoutuneet toimijat",
            name_en="Committed actors",
            description_fi="Jäsenet vuoden lopussa, uudet ja eronneet, pysyvyys, sitoutumisen tasot "
            "(ydin, aktiivinen, satunnainen, passiivinen) ja toimintaan osallistuneiden "
            "jäsenten osuus.",
            description_en="Members at year end, joiners and leavers, retention, engagement levels "
            "(core, active, occasional, passive) and the share of members who took part.",
            data_class="ADM",
            metrics=(
                # Participation leads: the card's headline and trend use the first metric, and the
                # cookbook warns against headlining the member count (W6, W7).
                _m(
                    "participating_member_share",
                    "share",
                    mp,
                    "Osallistuneiden jäsenten osuus",
                    "Participating member share",
                ),
                _m("engagement_core", "count", mp, "Ydinjäsenet", "Core members"),
                _m("engagement_active", "count", mp, "Aktiiviset jäsenet", "Active members"),
                _m(
                    "engagement_occasional",
                    "count",
                    mp,
                    "Satunnaiset jäsenet",
                    "Occasional members",
                ),
                _m("engagement_passive", "count", mp, "Passiiviset jäsenet", "Passive members"),
                _m("retention_rate", "share", ("members",), "Jäsenten pysyvyys", "Retention rate"),
                _m(
                    "members_year_end",
                    "count",
                    ("members",),
                    "Jäseniä vuoden lopussa",
                    "Members at year end",
                ),
                _m("new_members", "count", ("members",), "Uudet jäsenet", "New members"),
                _m("members_left", "count", ("members",), "Eronneet jäsenet", "Members left"),
            ),
            tables=("v_member", "v_event", "v_participation", "v_project", "v_project_partner"),
            caveat_fi="Jäsenmäärä ei ole tavoite sinänsä (W6, W7). Osallistuminen vaihtelee aiheen mukaan, "
            "ja vähenevä osallistuminen voi tarkoittaa, että jäsen sai tarvitsemansa (W2, W23). "
            + _ACTIVITY[0],
            caveat_en="Member count is not a goal of its own (W6, W7). Participation varies with the topic, "
            "and falling participation may mean a member found what it needed (W2, W23). "
            + _ACTIVITY[1],
            sql=queries.org1_sql(),
        )
    )
    reg(
        Indicator(
            code="ORG-2",
            recipient="cluster_org",
            name_fi="Yritysten ja julkisen sektorin TKI-investoinnit",
            name_en="RDI investments by companies and the public sector",
            description_fi="Vuonna alkaneiden rahoitettujen TKI-hankkeiden yritysrahoitus sekä kansallinen "
            "ja kunnallinen julkinen rahoitus.",
            description_en="Company funding and national plus municipal public funding of funded RDI "
            "projects starting in the year.",
            data_class="ADM",
            metrics=(
                _m(
                    "rdi_company_eur",
                    "eur",
                    ("projects",),
                    "Yritysten TKI-rahoitus (€)",
                    "Company RDI funding (€)",
                ),
                _m(
                    "rdi_public_eur",
                    "eur",
                    ("projects",),
                    "Julkinen TKI-rahoitus (€)",
                    "Public RDI funding (€)",
                ),
            ),
            tables=("v_project",),
            caveat_fi=_caveat(_ATTR, _YEARS)[0]
            + " Vain hanketiedoissa näkyvät panokset lasketaan.",
            caveat_en=_caveat(_ATTR, _YEARS)[1]
            + " Only inputs recorded in the project list count.",
            sql=queries.org2_sql(),
        )
    )
    reg(
        Indicator(
            code="ORG-3",
            recipient="cluster_org",
            name_fi="EU-rahoituksen lisääntyminen",
            name_en="Increase in EU funding",
            description_fi="Vuonna alkaneiden rahoitettujen hankkeiden EU-rahoitus, muutos edellisestä "
            "vuodesta ja hakemusten onnistumisaste.",
            description_en="EU funding of funded projects starting in the year, its change from the "
            "previous year and the application success rate.",
            data_class="ADM",
            metrics=(
                _m("eu_funding_eur", "eur", ("projects",), "EU-rahoitus (€)", "EU funding (€)"),
                _m(
                    "eu_funding_change",
                    "ratio",
                    ("projects",),
                    "EU-rahoituksen muutos",
                    "Change in EU funding",
                ),
                _m(
                    "application_success_rate",
                    "share",
                    ("projects",),
                    "Hakemusten onnistumisaste",
                    "Application success rate",
                ),
            ),
            tables=("v_project",),
            caveat_fi=_YEARS[0]
            + " Hankerahoitus vaihtelee hankekierron mukaan; pelkkä hankerahoitus tuottaa "
            "harvoin pitkäaikaisia tuloksia.",
            caveat_en=_YEARS[1]
            + " Project funding follows the project cycle; project funding alone rarely "
            "produces long-term results.",
            sql=queries.org3_sql(),
        )
    )
    reg(
        Indicator(
            code="ORG-4",
            recipient="cluster_org",
            name_fi="Yhteistyön määrä (osallistuminen toimintaan)",
            name_en="Quantity of cooperation (participation in activities)",
            description_fi="Järjestetyt tapahtumat ja niiden tyypit, henkilöosallistumiset (vain paikalla "
            "olleet, kaksoisrivit kerran) ja osallistuneet organisaatiot tyypeittäin.",
            description_en="Events held and their types, person participations (attended only, duplicate "
            "rows once) and participating organisations by type.",
            data_class="ADM",
            metrics=(
                _m("events_held", "count", ("events",), "Järjestetyt tapahtumat", "Events held"),
                _m(
                    "distinct_event_types",
                    "count",
                    ("events",),
                    "Tapahtumatyyppejä",
                    "Distinct event types",
                ),
                _m(
                    "person_participations",
                    "count",
                    ("participants",),
                    "Henkilöosallistumiset",
                    "Person participations",
                ),
                _m(
                    "participating_orgs",
                    "count",
                    ("participants",),
                    "Osallistuneet organisaatiot",
                    "Participating organisations",
                ),
                _m(
                    "events_with_attendance",
                    "count",
                    ("events", "participants"),
                    "Tapahtumat, joista osallistujalista",
                    "Events with an attendance list",
                ),
                _m(
                    "participating_orgs_by_type.*",
                    "count",
                    ("participants",),
                    "Osallistuneet organisaatiot tyypeittäin",
                    "Participating organisations by type",
                ),
            ),
            tables=("v_event", "v_participation", "v_org"),
            caveat_fi=_ACTIVITY[0] + " Osallistuminen vaihtelee aiheen mukaan (W2).",
            caveat_en=_ACTIVITY[1] + " Participation varies with the topic (W2).",
            sql=queries.org4_sql(),
        )
    )
    reg(
        Indicator(
            code="ORG-5",
            recipient="cluster_org",
            name_fi="Yhteistyön laatu",
            name_en="Quality of cooperation",
            description_fi="Jäsenkyselyn ja tapahtumapalautteen kysymykset A1, A6, A7, N1–N3 ja B1: "
            "keskiarvo, samaa mieltä -osuus ja vastausprosentti.",
            description_en="Member survey and event feedback items A1, A6, A7, N1–N3 and B1: mean, agree "
            "share and response rate.",
            data_class="SRV",
            metrics=(
                _m("response_rate", "share", ("survey",), "Vastausprosentti", "Response rate"),
                *_survey_metrics(),
            ),
            tables=_SURVEY_TABLES,
            caveat_fi=_SURVEY[0] + " Luottamus ja vuoropuhelu näkyvät huonosti numeroissa (W4).",
            caveat_en=_SURVEY[1] + " Trust and dialogue show poorly in numbers (W4).",
            sql=survey_sql("ORG-5", with_response_rate=True),
        )
    )
    # RDI actors ----------------------------------------------------------------------------------
    reg(
        _outcome_indicator(
            "RDI-1",
            "rdi",
            ("Tutkimuksen korkea taso", "High level/quality of research"),
            ("publication", "thesis_student_project"),
            (
                "Klusteriyhteistyöstä syntyneet julkaisut, opinnäytteet ja opiskelijaprojektit.",
                "Publications, theses and student projects arising from cluster cooperation.",
            ),
            _caveat(
                _LOG,
                (
                    "Klusteri ei voi mitata tutkimuksen laatua suoraan; määrä on välillinen merkki.",
                    (
                        "The cluster cannot measure research quality directly; the count is an "
                        "indirect sign."
                    ),
                ),
            ),
        )
    )
    reg(
        _outcome_indicator(
            "RDI-2",
            "rdi",
            (
                "Tutkimusinfrastruktuurin avaaminen ja yhteiskehittäminen",
                "Opening up research infrastructure, and co-development",
            ),
            ("pilot_test", "rdi_infrastructure_use"),
            (
                "Pilotit, testiympäristöjen ja laboratorioiden käyttö.",
                "Pilots and uses of test beds and laboratories.",
            ),
            _caveat(_LOG, _ATTR),
        )
    )
    # Companies -----------------------------------------------------------------------------------
    reg(
        _outcome_indicator(
            "COM-1",
            "companies",
            ("Uudet kumppanuudet", "New partnerships"),
            ("new_partnership",),
            (
                "Klusterin kautta syntyneet uudet kumppanuudet.",
                "New partnerships formed through the cluster.",
            ),
            _caveat(
                (
                    "Alaraja: yritykset eivät yleensä kerro, mitä ensikontaktista seurasi (W10).",
                    "A lower bound: companies rarely report back what a first contact led to (W10).",
                ),
                _LOG,
                _ATTR,
            ),
        )
    )
    reg(
        _outcome_indicator(
            "COM-2",
            "companies",
            ("Uudet tuotteet ja palvelut", "New products and services"),
            ("new_product_service", "innovation"),
            ("Uudet tuotteet, palvelut ja innovaatiot.", "New products, services and innovations."),
            _caveat(_LOG, _ATTR, _YEARS),
        )
    )
    reg(
        _outcome_indicator(
            "COM-3",
            "companies",
            ("Yritysten uudet strategiat", "New company strategies"),
            ("strategy_change",),
            (
                "Strategiamuutokset tulosloki ja kyselyn kysymys A12 (kyllä-osuus).",
                "Strategy changes in the outcome log and survey item A12 (share of yes).",
            ),
            _caveat(_SURVEY, _ATTR, ("Pääosin kyselyn varassa.", "Mostly survey-based.")),
            data_class="SRV",
        )
    )
    reg(
        _outcome_indicator(
            "COM-4",
            "companies",
            (
                "Uusien kansainvälisten arvoverkkojen syntyminen",
                "Emergence of new international value networks",
            ),
            ("international_partnership", "export_deal"),
            (
                "Kansainväliset kumppanuudet ja kauppasopimukset.",
                "International partnerships and export deals.",
            ),
            _caveat(_LOG, _ATTR, _YEARS),
        )
    )
    reg(
        _outcome_indicator(
            "COM-5",
            "companies",
            ("Ulkomaiset investoinnit yrityksiin", "Foreign investments in companies"),
            ("investment_foreign",),
            (
                "Ulkomaiset investoinnit jäsenyrityksiin.",
                "Foreign investments in member companies.",
            ),
            _caveat(
                (
                    "Koordinaattori tietää näistä vain jäsenten, tiedotteiden ja median kautta.",
                    "The manager learns of these only from members, announcements and the media.",
                ),
                _LOG,
                _ATTR,
            ),
        )
    )
    # Public sector -------------------------------------------------------------------------------
    reg(
        Indicator(
            code="PUB-1",
            recipient="public_sector",
            name_fi="Osaamisen kasvu",
            name_en="Growth of competence / know-how",
            description_fi="Kyselyn kysymys P1 sekä julkisen sektorin henkilöosallistumiset tapahtumiin "
            "(välillinen mittari).",
            description_en="Survey item P1 and public-sector person participations in events (a proxy).",
            data_class="SRV",
            metrics=(
                _m(
                    "public_participations",
                    "count",
                    ("participants",),
                    "Julkisen sektorin osallistumiset",
                    "Public-sector participations",
                ),
                *_survey_metrics(),
            ),
            tables=("v_event", "v_participation", "v_org") + _SURVEY_TABLES,
            caveat_fi=_caveat(_SURVEY, _ACTIVITY)[0],
            caveat_en=_caveat(_SURVEY, _ACTIVITY)[1],
            sql=_union([queries.pub1_proxy_sql(), survey_sql("PUB-1")]),
        )
    )
    reg(
        _outcome_indicator(
            "PUB-2",
            "public_sector",
            (
                "Kaupungin tarpeisiin vastaava tutkimus",
                "Research that responds to the city's needs",
            ),
            ("thesis_student_project",),
            (
                "Opinnäytteet ja opiskelijaprojektit sekä kaupungin tarpeeseen vastaavat rahoitetut hankkeet.",
                "Theses and student projects, and funded projects that answer a city need.",
            ),
            _caveat(_LOG, _ATTR),
            data_class="ADM",
            extra_metrics=(
                _m(
                    "city_need_projects",
                    "count",
                    ("projects",),
                    "Kaupungin tarpeeseen vastaavat hankkeet",
                    "Projects answering a city need",
                ),
                _m(
                    "city_need_projects_eur",
                    "eur",
                    ("projects",),
                    "Niiden budjetti (€)",
                    "Their budget (€)",
                ),
            ),
            extra_sql=queries.city_need_sql(),
            extra_tables=("v_project",),
        )
    )
    reg(
        Indicator(
            code="PUB-3",
            recipient="public_sector",
            name_fi="Tiedon jakaminen",
            name_en="Knowledge / information sharing",
            description_fi="Kyselyn kysymys P3 ja järjestetyt infotilaisuudet.",
            description_en="Survey item P3 and info sessions held.",
            data_class="SRV",
            metrics=(
                _m("info_sessions", "count", ("events",), "Infotilaisuudet", "Info sessions held"),
                *_survey_metrics(),
            ),
            tables=("v_event",) + _SURVEY_TABLES,
            caveat_fi=_SURVEY[0]
            + " Älä palkitse pelkästä määrästä: turha viestintä kuormittaa jäseniä (W14).",
            caveat_en=_SURVEY[1]
            + " Do not reward sheer volume: pointless messages burden members (W14).",
            sql=_union(
                [
                    queries.events_of_type_sql("info_sessions", ("info_session",)),
                    survey_sql("PUB-3"),
                ]
            ),
        )
    )
    reg(
        _outcome_indicator(
            "PUB-4",
            "public_sector",
            ("Brändin vahvistaminen", "Strengthening of the brand"),
            ("media_visibility",),
            ("Kirjattu medianäkyvyys.", "Recorded media visibility."),
            _caveat(
                _LOG,
                (
                    "Näkyvyys ei yksin kerro brändin vahvistumisesta.",
                    "Visibility alone does not show a stronger brand.",
                ),
            ),
        )
    )
    # Funding mix and ESCA readiness --------------------------------------------------------------
    fund = ("funding",)
    reg(
        Indicator(
            code="FUN-1",
            recipient="cluster_org",
            name_fi="Rahoitusrakenne",
            name_en="Funding mix",
            description_fi="Maksettu ja sidottu rahoitus, maksetun rahoituksen osuudet (pitkäaikainen "
            "julkinen, jäsenet, hankkeet, muu) keittokirjan 20/30/50-viitemallia vasten "
            "sekä kaupungin osuus.",
            description_en="Paid and committed funding, the shares of paid funding (long-term public, "
            "members, projects, other) against the cookbook's 20/30/50 reference, and the "
            "city's share.",
            data_class="ADM",
            metrics=(
                _m("total_eur", "eur", fund, "Maksettu rahoitus (€)", "Paid funding (€)"),
                _m("committed_eur", "eur", fund, "Sidottu rahoitus (€)", "Committed funding (€)"),
                _m(
                    "share_public_long_term",
                    "share",
                    fund,
                    "Pitkäaikainen julkinen osuus",
                    "Long-term public share",
                ),
                _m("share_members", "share", fund, "Jäsenten osuus", "Members' share"),
                _m("share_projects", "share", fund, "Hankkeiden osuus", "Projects' share"),
                _m("share_other", "share", fund, "Muu osuus", "Other share"),
                _m("city_share", "share", fund, "Kaupungin osuus", "City share"),
                _m(
                    "city_eur",
                    "eur",
                    fund,
                    "Kaupungin maksama rahoitus (€)",
                    "Funding paid by the city (€)",
                ),
            ),
            tables=("v_funding",),
            caveat_fi="20/30/50 on keittokirjan esimerkki eurooppalaisesta mallista, ei normi. Pelkällä "
            "hankerahoituksella toimivat klusterit tuottavat harvoin pitkän aikavälin tuloksia; "
            "sidottu rahoitus ei lasketa osuuksiin.",
            caveat_en="20/30/50 is the cookbook's cited European example, not a norm. Clusters funded only "
            "by projects rarely produce long-term results; committed funding never counts in a share.",
            sql=queries.fun1_sql(),
            references=dict(queries.FUNDING_REFERENCE),
        )
    )
    reg(
        Indicator(
            code="OUT-1",
            recipient="cluster_org",
            name_fi="Kirjatut tulokset",
            name_en="Recorded outcomes",
            description_fi="Kaikki vuonna kirjatut tulokset tyypistä riippumatta, niistä "
            "menestystarinoina julkaistut (julkaisulupa) ja kirjattu arvo (€); n = tulokset, "
            "joille arvo on kirjattu.",
            description_en="Every outcome logged in the year whatever its type, those published as "
            "success stories (consent given) and the value recorded (€); n = outcomes with a "
            "recorded value.",
            data_class="LOG",
            metrics=(
                _m("outcomes", "count", ("outcomes",), "Kirjatut tulokset", "Recorded outcomes"),
                _m(
                    "published_stories",
                    "count",
                    ("outcomes",),
                    "Julkaistut menestystarinat",
                    "Published success stories",
                ),
                _m(
                    "outcomes_eur",
                    "eur",
                    ("outcomes",),
                    "Tulosten kirjattu arvo (€)",
                    "Recorded value of outcomes (€)",
                ),
            ),
            tables=_OUTCOME_TABLES,
            caveat_fi=_caveat(_LOG, _ATTR)[0]
            + " Yksi tulos lasketaan kerran, vaikka se kuuluisi usean mittarin piiriin.",
            caveat_en=_caveat(_LOG, _ATTR)[1]
            + " Each outcome counts once, though it may fall under several indicators.",
            sql=queries.all_outcomes_sql(),
        )
    )
    me = ("members", "events")
    reg(
        Indicator(
            code="ESCA",
            recipient="cluster_org",
            name_fi="ESCA-valmius",
            name_en="ESCA readiness",
            description_fi="ESCA:n klusteriorganisaation ehdot: vähintään 15 toimijaa, joista suurin osa "
            "yrityksiä, ja vähintään 5 erilaista toimintoa vuodessa; täyttyneiden ehtojen määrä.",
            description_en="ESCA's cluster-organisation criteria: at least 15 actors, most of them companies, "
            "and at least 5 different activities a year; the number of criteria met.",
            data_class="ADM",
            metrics=(
                _m("actors", "count", ("members",), "Toimijat (jäsenet)", "Actors (members)"),
                _m("company_share", "share", ("members",), "Yritysten osuus", "Company share"),
                _m("activity_types", "count", ("events",), "Erilaiset toiminnot", "Activity types"),
                _m("criteria_met", "count", me, "Täyttyneet ehdot (0–3)", "Criteria met (0–3)"),
            ),
            tables=("v_member", "v_event"),
            caveat_fi="Henkilöstö (≥ 0,5 htv) ja strategiset painopisteet (≥ 2) eivät ole mukana. "
            + _ACTIVITY[0],
            caveat_en="Staffing (≥ 0.5 FTE) and strategic priorities (≥ 2) are not included. "
            + _ACTIVITY[1],
            sql=queries.esca_sql(),
            references={
                "actors": float(queries.ESCA_MIN_ACTORS),
                "company_share": queries.ESCA_MIN_COMPANY_SHARE,
                "activity_types": float(queries.ESCA_MIN_ACTIVITY_TYPES),
            },
        )
    )


# Table 3 codes in the cookbook's order, then the two additions.
TABLE3_CODES: tuple[str, ...] = (
    "REG-1",
    "REG-2",
    "REG-3",
    "REG-4",
    "REG-5",
    "ORG-1",
    "ORG-2",
    "ORG-3",
    "ORG-4",
    "ORG-5",
    "RDI-1",
    "RDI-2",
    "COM-1",
    "COM-2",
    "COM-3",
    "COM-4",
    "COM-5",
    "PUB-1",
    "PUB-2",
    "PUB-3",
    "PUB-4",
)
BUILT_IN_CODES: tuple[str, ...] = TABLE3_CODES + ("FUN-1", "OUT-1", "ESCA")

_build()
