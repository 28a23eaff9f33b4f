"""The built-in indicators: the cookbook's Table 3 (DOMAIN 1.1), the funding mix, all recorded
outcomes and ESCA readiness.

One entry per indicator, read top to bottom: who gains, how it is known, its names, description
and caveat, and its metrics with their SQL (``indicators/sql``). Naming: code ``ORG-4`` ↔
constant ``ORG_4`` ↔ files ``org_4*.sql``. ``BUILT_IN`` is the tuple in the cookbook's order.
"""

from __future__ import annotations

from i18n import LANGS, t
from indicators.model import (
    Bi,
    Change,
    Count,
    Family,
    Indicator,
    Outcomes,
    Query,
    Share,
    Sum,
    SurveyItems,
)

MEMBERS, EVENTS, PARTICIPANTS = ("members",), ("events",), ("participants",)
FUNDING, PROJECTS, SURVEY = ("funding",), ("projects",), ("survey",)
MEMBERS_AND_PARTICIPANTS = ("members", "participants")


def _join(*parts: Bi) -> Bi:
    return Bi(" ".join(p.fi for p in parts), " ".join(p.en for p in parts))


# Caveats the cookbook repeats (DOMAIN 1.2, 4.2).
ATTRIBUTION = Bi(
    "Vaikutusta on vaikea osoittaa klusterin ansioksi: syy-yhteyttä ei aina voi päätellä.",
    "Attribution is hard: causality cannot always be inferred.",
)
SEVERAL_YEARS = Bi(
    "Katso useamman vuoden jaksoa: vaikutukset näkyvät hitaasti ja harvoin hankkeen aikana.",
    "Look at several years: effects show slowly and rarely within a project's lifetime.",
)
ACTIVITY = Bi(
    "Toiminnan määrä ei ole vaikuttavuutta: määrät eivät kerro luottamuksesta tai hyödystä.",
    "Activity is not impact: counts say nothing of trust or benefit.",
)
LOGGED = Bi(
    "Perustuu koordinaattorin kirjaamiin tapauksiin; kirjaamatta jääneet puuttuvat.",
    "Based on the cases the manager records; unrecorded cases are missing.",
)
SURVEYED = Bi(
    "Kyselyluvuissa näytetään vastausten määrä n ja vastausprosentti; alle 5 vastauksen lukuja"
    " ei näytetä.",
    "Survey figures show the number of answers n and the response rate; figures from fewer"
    " than 5 answers are hidden.",
)
CONTEXT = Bi(
    "Aluetilastot ovat taustatietoa, eivät klusterin ansiota.",
    "Regional statistics are context, not attributable to the cluster.",
)


def _outcome_description(text: Bi, types: tuple[str, ...]) -> Bi:
    """The description of an outcome-count indicator, its outcome types named (not coded)."""
    fi, en = (", ".join(t(f"ui.outcome_type.{x}", lang).lower() for x in types) for lang in LANGS)
    return Bi(
        f"{text.fi} Tulosloki: tyypit {fi}; määrä ja summa (€) vuosittain.",
        f"{text.en} Outcome log: types {en}; count and sum (€) per year.",
    )


# --- regional impact ------------------------------------------------------------------------------
_REG_1_TYPES = ("public_service_improvement", "innovation_procurement")
REG_1 = Indicator(
    code="REG-1",
    recipient="region",
    data_class="LOG",
    name=Bi("Laadukkaat palvelut kansalaisille", "High-quality services for citizens"),
    description=_outcome_description(
        Bi(
            "Julkisten palvelujen parannukset ja innovatiiviset hankinnat, joissa klusteri oli"
            " mukana.",
            "Public-service improvements and innovative procurements the cluster took part in.",
        ),
        _REG_1_TYPES,
    ),
    caveat=_join(
        LOGGED, ATTRIBUTION, Bi("Pääosin laadullinen mittari.", "Mostly a qualitative indicator.")
    ),
    metrics=(Outcomes(_REG_1_TYPES),),
)

_REG_2_TYPES = ("new_product_service", "innovation")
REG_2 = Indicator(
    code="REG-2",
    recipient="region",
    data_class="LOG",
    name=Bi("Markkinoiden ja teollisuuden uudistuminen", "Renewal of markets and industry"),
    description=_outcome_description(
        Bi(
            "Uudet tuotteet, palvelut ja innovaatiot (sama lähde kuin COM-2).",
            "New products, services and innovations (same source as COM-2).",
        ),
        _REG_2_TYPES,
    ),
    caveat=_join(LOGGED, ATTRIBUTION, SEVERAL_YEARS),
    metrics=(Outcomes(_REG_2_TYPES),),
)

REG_3 = Indicator(
    code="REG-3",
    recipient="region",
    data_class="ADM",
    name=Bi("Työpaikat alueella", "Jobs in the region"),
    description=Bi(
        "Jäsenyritysten henkilöstö yhteensä vuoden lopun jäsenistä, kunkin vuoden"
        " henkilöstömäärällä; n = yritykset, joiden henkilöstömäärä tiedetään. Rinnalla muutos"
        " edellisestä vuodesta niissä yrityksissä, jotka olivat jäseniä molempina vuosina.",
        "Total employees of the company members at year end, with each year's employee count;"
        " n = companies whose employee count is known. Beside it the change from the previous"
        " year in the companies that were members in both years.",
    ),
    caveat=_join(
        ATTRIBUTION,
        CONTEXT,
        Bi(
            "Summa kasvaa jäsenmäärän mukana ilman uusia työpaikkoja; työpaikkojen muutoksen"
            " kertoo molempina vuosina jäseninä olleiden yritysten muutos. Vuoden henkilöstömäärä"
            " on sen vuoden jäsenrekisteristä; vuodelle, jolta rekisteriä ei ole, käytetään"
            " viimeisintä sitä edeltävää tietoa.",
            "The total grows with membership without any new jobs; the change in the companies"
            " that were members in both years tells the change in jobs. A year's employee count"
            " is from that year's member register; a year without a register takes the latest"
            " count before it.",
        ),
    ),
    source="reg_3.sql",
    metrics=(
        Count(
            "member_jobs",
            Bi(
                "Jäsenyritysten työpaikat yhteensä (kasvaa jäsenmäärän mukana)",
                "Jobs in member companies, total (grows with membership)",
            ),
            MEMBERS,
            n="known",
        ),
        Query(
            "jobs_change_same_members",
            Bi(
                "Työpaikkojen muutos samoissa jäsenyrityksissä",
                "Change in jobs in the same member companies",
            ),
            MEMBERS,
            sql="reg_3_same_members.sql",
        ),
    ),
)

REG_4 = Indicator(
    code="REG-4",
    recipient="region",
    data_class="ADM",
    name=Bi(
        "Tutkimustulosten kohdistuminen yritysten ja alueen haasteisiin",
        "Research results targeted at the challenges of companies and the region",
    ),
    description=Bi(
        "Yhteiset TKI-hankkeet: rahoitetut, vuonna alkaneet hankkeet, joissa on sekä TKI-toimija"
        " että yritys kumppanina; määrä ja kokonaisbudjetti.",
        "Joint RDI projects: funded projects starting in the year with both an RDI actor and a"
        " company as partners; count and total budget.",
    ),
    caveat=_join(
        ACTIVITY,
        SEVERAL_YEARS,
        Bi(
            "Hanke on välillinen merkki: se ei kerro, vastasiko tutkimus haasteisiin.",
            "A project is an indirect sign: it does not show whether the research met the"
            " challenges.",
        ),
    ),
    source="reg_4.sql",
    metrics=(
        Count("joint_rdi_projects", Bi("Yhteiset TKI-hankkeet", "Joint RDI projects"), PROJECTS),
        Sum(
            "joint_rdi_projects_eur",
            Bi("Yhteisten TKI-hankkeiden budjetti (€)", "Budget of joint RDI projects (€)"),
            PROJECTS,
            n="budgets",
        ),
    ),
)

_REG_5_TYPES = ("investment_domestic", "investment_foreign", "new_establishment")
REG_5 = Indicator(
    code="REG-5",
    recipient="region",
    data_class="LOG",
    name=Bi(
        "Uusien toimijoiden ja investointien houkuttelu alueelle",
        "Attracting new actors and investments to the region",
    ),
    description=_outcome_description(
        Bi(
            "Investoinnit ja uudet toimipaikat, joissa klusterilla oli osuutta.",
            "Investments and new establishments in which the cluster had a part.",
        ),
        _REG_5_TYPES,
    ),
    caveat=_join(LOGGED, ATTRIBUTION, CONTEXT),
    metrics=(Outcomes(_REG_5_TYPES),),
)

# --- cluster organisation -------------------------------------------------------------------------
ORG_1 = Indicator(
    code="ORG-1",
    recipient="cluster_org",
    data_class="ADM",
    name=Bi("Sitoutuneet toimijat", "Committed actors"),
    description=Bi(
        "Jäsenet vuoden lopussa, uudet ja eronneet, pysyvyys, sitoutumisen tasot (ydin,"
        " aktiivinen, satunnainen, passiivinen) ja toimintaan osallistuneiden jäsenten osuus.",
        "Members at year end, joiners and leavers, retention, engagement levels (core, active,"
        " occasional, passive) and the share of members who took part.",
    ),
    caveat=_join(
        Bi(
            "Jäsenmäärä ei ole tavoite sinänsä. Osallistuminen vaihtelee aiheen mukaan, ja"
            " vähenevä osallistuminen voi tarkoittaa, että jäsen sai tarvitsemansa.",
            "Member count is not a goal of its own. Participation varies with the topic, and"
            " falling participation may mean a member found what it needed.",
        ),
        ACTIVITY,
    ),
    source="org_1.sql",
    also_reads=PROJECTS,  # a partner in an active project is an active member
    metrics=(
        # Participation leads: the card's headline and trend use the first metric, and the
        # cookbook warns against headlining the member count.
        Share(
            "participating_member_share",
            Bi("Osallistuneiden jäsenten osuus", "Participating member share"),
            MEMBERS_AND_PARTICIPANTS,
            numerator="participating",
            denominator="members_year_end",
            note="no_members",
        ),
        Count("engagement_core", Bi("Ydinjäsenet", "Core members"), MEMBERS_AND_PARTICIPANTS),
        Count(
            "engagement_active",
            Bi("Aktiiviset jäsenet", "Active members"),
            MEMBERS_AND_PARTICIPANTS,
        ),
        Count(
            "engagement_occasional",
            Bi("Satunnaiset jäsenet", "Occasional members"),
            MEMBERS_AND_PARTICIPANTS,
        ),
        Count(
            "engagement_passive",
            Bi("Passiiviset jäsenet", "Passive members"),
            MEMBERS_AND_PARTICIPANTS,
        ),
        Share(
            "retention_rate",
            Bi("Jäsenten pysyvyys", "Retention rate"),
            MEMBERS,
            numerator="retained",
            denominator="at_start",
            note="no_members_start",
        ),
        Count("members_year_end", Bi("Jäseniä vuoden lopussa", "Members at year end"), MEMBERS),
        Count("new_members", Bi("Uudet jäsenet", "New members"), MEMBERS),
        Count("members_left", Bi("Eronneet jäsenet", "Members left"), MEMBERS),
    ),
)

ORG_2 = Indicator(
    code="ORG-2",
    recipient="cluster_org",
    data_class="ADM",
    name=Bi(
        "Yritysten ja julkisen sektorin TKI-investoinnit",
        "RDI investments by companies and the public sector",
    ),
    description=Bi(
        "Vuonna alkaneiden rahoitettujen TKI-hankkeiden yritysrahoitus sekä kansallinen ja"
        " kunnallinen julkinen rahoitus.",
        "Company funding and national plus municipal public funding of funded RDI projects"
        " starting in the year.",
    ),
    caveat=_join(
        ATTRIBUTION,
        SEVERAL_YEARS,
        Bi(
            "Vain hanketiedoissa näkyvät panokset lasketaan.",
            "Only inputs recorded in the project list count.",
        ),
    ),
    source="org_2.sql",
    metrics=(
        Sum(
            "rdi_company_eur",
            Bi("Yritysten TKI-rahoitus (€)", "Company RDI funding (€)"),
            PROJECTS,
            n="company_amounts",
        ),
        Sum(
            "rdi_public_eur",
            Bi("Julkinen TKI-rahoitus (€)", "Public RDI funding (€)"),
            PROJECTS,
            n="public_projects",
        ),
    ),
)

ORG_3 = Indicator(
    code="ORG-3",
    recipient="cluster_org",
    data_class="ADM",
    name=Bi("EU-rahoituksen lisääntyminen", "Increase in EU funding"),
    description=Bi(
        "Vuonna alkaneiden rahoitettujen hankkeiden EU-rahoitus, muutos edellisestä vuodesta ja"
        " hakemusten onnistumisaste.",
        "EU funding of funded projects starting in the year, its change from the previous year"
        " and the application success rate.",
    ),
    caveat=_join(
        SEVERAL_YEARS,
        Bi(
            "Hankerahoitus vaihtelee hankekierron mukaan; pelkkä hankerahoitus tuottaa harvoin"
            " pitkäaikaisia tuloksia.",
            "Project funding follows the project cycle; project funding alone rarely produces"
            " long-term results.",
        ),
    ),
    source="org_3.sql",
    metrics=(
        Sum("eu_funding_eur", Bi("EU-rahoitus (€)", "EU funding (€)"), PROJECTS, n="eu_projects"),
        Change(
            "eu_funding_change",
            Bi("EU-rahoituksen muutos", "Change in EU funding"),
            PROJECTS,
            current="eu_funding_eur",
            previous="previous_eur",
            previous_exists="previous_exists",
            note_missing="no_previous_eu",
            note_zero="previous_eu_zero",
        ),
        Share(
            "application_success_rate",
            Bi("Hakemusten onnistumisaste", "Application success rate"),
            PROJECTS,
            numerator="won",
            denominator="decided",
            note="no_decisions",
        ),
    ),
)

ORG_4 = Indicator(
    code="ORG-4",
    recipient="cluster_org",
    data_class="ADM",
    name=Bi(
        "Yhteistyön määrä (osallistuminen toimintaan)",
        "Quantity of cooperation (participation in activities)",
    ),
    description=Bi(
        "Järjestetyt tapahtumat ja niiden tyypit, henkilöosallistumiset (vain paikalla olleet,"
        " kaksoisrivit kerran) ja osallistuneet organisaatiot tyypeittäin.",
        "Events held and their types, person participations (attended only, duplicate rows"
        " once) and participating organisations by type.",
    ),
    caveat=_join(
        ACTIVITY,
        Bi("Osallistuminen vaihtelee aiheen mukaan.", "Participation varies with the topic."),
    ),
    source="org_4.sql",
    metrics=(
        Count("events_held", Bi("Järjestetyt tapahtumat", "Events held"), EVENTS),
        Count("distinct_event_types", Bi("Tapahtumatyyppejä", "Distinct event types"), EVENTS),
        Count(
            "person_participations",
            Bi("Henkilöosallistumiset", "Person participations"),
            PARTICIPANTS,
        ),
        Count(
            "participating_orgs",
            Bi("Osallistuneet organisaatiot", "Participating organisations"),
            PARTICIPANTS,
        ),
        Count(
            "events_with_attendance",
            Bi("Tapahtumat, joista osallistujalista", "Events with an attendance list"),
            ("events", "participants"),
        ),
        Family(
            "participating_orgs_by_type",
            Bi("Osallistuneet organisaatiot tyypeittäin", "Participating organisations by type"),
            PARTICIPANTS,
            sql="org_4_by_type.sql",
            part="org_type",
        ),
    ),
)

ORG_5 = Indicator(
    code="ORG-5",
    recipient="cluster_org",
    data_class="SRV",
    name=Bi("Yhteistyön laatu", "Quality of cooperation"),
    description=Bi(
        "Jäsenkyselyn ja tapahtumapalautteen kysymykset A1, A6, A7, N1–N3 ja B1: keskiarvo,"
        " samaa mieltä -osuus ja vastausprosentti.",
        "Member survey and event feedback items A1, A6, A7, N1–N3 and B1: mean, agree share and"
        " response rate.",
    ),
    caveat=_join(
        SURVEYED,
        Bi(
            "Luottamus ja vuoropuhelu näkyvät huonosti numeroissa.",
            "Trust and dialogue show poorly in numbers.",
        ),
    ),
    metrics=(
        Query(
            "response_rate",
            Bi("Vastausprosentti", "Response rate"),
            SURVEY,
            sql="org_5_response_rate.sql",
            unit="share",
        ),
        SurveyItems(("A1", "A6", "A7", "N1", "N2", "N3", "B1")),
    ),
)

# --- RDI actors -----------------------------------------------------------------------------------
_RDI_1_TYPES = ("publication", "thesis_student_project")
RDI_1 = Indicator(
    code="RDI-1",
    recipient="rdi",
    data_class="LOG",
    name=Bi("Tutkimuksen korkea taso", "High level/quality of research"),
    description=_outcome_description(
        Bi(
            "Klusteriyhteistyöstä syntyneet julkaisut, opinnäytteet ja opiskelijaprojektit.",
            "Publications, theses and student projects arising from cluster cooperation.",
        ),
        _RDI_1_TYPES,
    ),
    caveat=_join(
        LOGGED,
        Bi(
            "Klusteri ei voi mitata tutkimuksen laatua suoraan; määrä on välillinen merkki.",
            "The cluster cannot measure research quality directly; the count is an indirect sign.",
        ),
    ),
    metrics=(Outcomes(_RDI_1_TYPES),),
)

_RDI_2_TYPES = ("pilot_test", "rdi_infrastructure_use")
RDI_2 = Indicator(
    code="RDI-2",
    recipient="rdi",
    data_class="LOG",
    name=Bi(
        "Tutkimusinfrastruktuurin avaaminen ja yhteiskehittäminen",
        "Opening up research infrastructure, and co-development",
    ),
    description=_outcome_description(
        Bi(
            "Pilotit, testiympäristöjen ja laboratorioiden käyttö.",
            "Pilots and uses of test beds and laboratories.",
        ),
        _RDI_2_TYPES,
    ),
    caveat=_join(LOGGED, ATTRIBUTION),
    metrics=(Outcomes(_RDI_2_TYPES),),
)

# --- companies ------------------------------------------------------------------------------------
_COM_1_TYPES = ("new_partnership",)
COM_1 = Indicator(
    code="COM-1",
    recipient="companies",
    data_class="LOG",
    name=Bi("Uudet kumppanuudet", "New partnerships"),
    description=_outcome_description(
        Bi(
            "Klusterin kautta syntyneet uudet kumppanuudet.",
            "New partnerships formed through the cluster.",
        ),
        _COM_1_TYPES,
    ),
    caveat=_join(
        Bi(
            "Alaraja: yritykset eivät yleensä kerro, mitä ensikontaktista seurasi.",
            "A lower bound: companies rarely report back what a first contact led to.",
        ),
        LOGGED,
        ATTRIBUTION,
    ),
    metrics=(Outcomes(_COM_1_TYPES),),
)

_COM_2_TYPES = ("new_product_service", "innovation")
COM_2 = Indicator(
    code="COM-2",
    recipient="companies",
    data_class="LOG",
    name=Bi("Uudet tuotteet ja palvelut", "New products and services"),
    description=_outcome_description(
        Bi("Uudet tuotteet, palvelut ja innovaatiot.", "New products, services and innovations."),
        _COM_2_TYPES,
    ),
    caveat=_join(LOGGED, ATTRIBUTION, SEVERAL_YEARS),
    metrics=(Outcomes(_COM_2_TYPES),),
)

_COM_3_TYPES = ("strategy_change",)
COM_3 = Indicator(
    code="COM-3",
    recipient="companies",
    data_class="SRV",
    name=Bi("Yritysten uudet strategiat", "New company strategies"),
    description=_outcome_description(
        Bi(
            "Strategiamuutokset tulosloki ja kyselyn kysymys A12 (kyllä-osuus).",
            "Strategy changes in the outcome log and survey item A12 (share of yes).",
        ),
        _COM_3_TYPES,
    ),
    caveat=_join(SURVEYED, ATTRIBUTION, Bi("Pääosin kyselyn varassa.", "Mostly survey-based.")),
    metrics=(Outcomes(_COM_3_TYPES), SurveyItems(("A12",))),
)

_COM_4_TYPES = ("international_partnership", "export_deal")
COM_4 = Indicator(
    code="COM-4",
    recipient="companies",
    data_class="LOG",
    name=Bi(
        "Uusien kansainvälisten arvoverkkojen syntyminen",
        "Emergence of new international value networks",
    ),
    description=_outcome_description(
        Bi(
            "Kansainväliset kumppanuudet ja kauppasopimukset.",
            "International partnerships and export deals.",
        ),
        _COM_4_TYPES,
    ),
    caveat=_join(LOGGED, ATTRIBUTION, SEVERAL_YEARS),
    metrics=(Outcomes(_COM_4_TYPES),),
)

_COM_5_TYPES = ("investment_foreign",)
COM_5 = Indicator(
    code="COM-5",
    recipient="companies",
    data_class="LOG",
    name=Bi("Ulkomaiset investoinnit yrityksiin", "Foreign investments in companies"),
    description=_outcome_description(
        Bi("Ulkomaiset investoinnit jäsenyrityksiin.", "Foreign investments in member companies."),
        _COM_5_TYPES,
    ),
    caveat=_join(
        Bi(
            "Koordinaattori tietää näistä vain jäsenten, tiedotteiden ja median kautta.",
            "The manager learns of these only from members, announcements and the media.",
        ),
        LOGGED,
        ATTRIBUTION,
    ),
    metrics=(Outcomes(_COM_5_TYPES),),
)

# --- public sector --------------------------------------------------------------------------------
PUB_1 = Indicator(
    code="PUB-1",
    recipient="public_sector",
    data_class="SRV",
    name=Bi("Osaamisen kasvu", "Growth of competence / know-how"),
    description=Bi(
        "Kyselyn kysymys P1 sekä julkisen sektorin henkilöosallistumiset tapahtumiin (välillinen"
        " mittari).",
        "Survey item P1 and public-sector person participations in events (a proxy).",
    ),
    caveat=_join(SURVEYED, ACTIVITY),
    source="pub_1.sql",
    metrics=(
        Count(
            "public_participations",
            Bi("Julkisen sektorin osallistumiset", "Public-sector participations"),
            PARTICIPANTS,
        ),
        SurveyItems(("P1",)),
    ),
)

_PUB_2_TYPES = ("thesis_student_project",)
PUB_2 = Indicator(
    code="PUB-2",
    recipient="public_sector",
    data_class="ADM",
    name=Bi("Kaupungin tarpeisiin vastaava tutkimus", "Research that responds to the city's needs"),
    description=_outcome_description(
        Bi(
            "Opinnäytteet ja opiskelijaprojektit sekä kaupungin tarpeeseen vastaavat rahoitetut"
            " hankkeet.",
            "Theses and student projects, and funded projects that answer a city need.",
        ),
        _PUB_2_TYPES,
    ),
    caveat=_join(LOGGED, ATTRIBUTION),
    source="pub_2.sql",
    metrics=(
        Outcomes(_PUB_2_TYPES),
        Count(
            "city_need_projects",
            Bi("Kaupungin tarpeeseen vastaavat hankkeet", "Projects answering a city need"),
            PROJECTS,
        ),
        Sum(
            "city_need_projects_eur",
            Bi("Niiden budjetti (€)", "Their budget (€)"),
            PROJECTS,
            n="budgets",
        ),
    ),
)

PUB_3 = Indicator(
    code="PUB-3",
    recipient="public_sector",
    data_class="SRV",
    name=Bi("Tiedon jakaminen", "Knowledge / information sharing"),
    description=Bi(
        "Kyselyn kysymys P3 ja järjestetyt infotilaisuudet.",
        "Survey item P3 and info sessions held.",
    ),
    caveat=_join(
        SURVEYED,
        Bi(
            "Älä palkitse pelkästä määrästä: turha viestintä kuormittaa jäseniä.",
            "Do not reward sheer volume: pointless messages burden members.",
        ),
    ),
    source="pub_3.sql",
    metrics=(
        Count("info_sessions", Bi("Infotilaisuudet", "Info sessions held"), EVENTS),
        SurveyItems(("P3",)),
    ),
)

_PUB_4_TYPES = ("media_visibility",)
PUB_4 = Indicator(
    code="PUB-4",
    recipient="public_sector",
    data_class="LOG",
    name=Bi("Brändin vahvistaminen", "Strengthening of the brand"),
    description=_outcome_description(
        Bi("Kirjattu medianäkyvyys.", "Recorded media visibility."), _PUB_4_TYPES
    ),
    caveat=_join(
        LOGGED,
        Bi(
            "Näkyvyys ei yksin kerro brändin vahvistumisesta.",
            "Visibility alone does not show a stronger brand.",
        ),
    ),
    metrics=(Outcomes(_PUB_4_TYPES),),
)

# --- funding mix and ESCA readiness ---------------------------------------------------------------
FUN_1 = Indicator(
    code="FUN-1",
    recipient="cluster_org",
    data_class="ADM",
    name=Bi("Rahoitusrakenne", "Funding mix"),
    description=Bi(
        "Maksettu ja sidottu rahoitus, maksetun rahoituksen osuudet (pitkäaikainen julkinen,"
        " jäsenet, hankkeet, muu) keittokirjan 20/30/50-viitemallia vasten sekä kaupungin osuus.",
        "Paid and committed funding, the shares of paid funding (long-term public, members,"
        " projects, other) against the cookbook's 20/30/50 reference, and the city's share.",
    ),
    caveat=Bi(
        "20/30/50 on keittokirjan esimerkki eurooppalaisesta mallista, ei normi. Pelkällä"
        " hankerahoituksella toimivat klusterit tuottavat harvoin pitkän aikavälin tuloksia;"
        " sidottu rahoitus ei lasketa osuuksiin.",
        "20/30/50 is the cookbook's cited European example, not a norm. Clusters funded only by"
        " projects rarely produce long-term results; committed funding never counts in a share.",
    ),
    source="fun_1.sql",
    # The cookbook's cited European example (CB:1985-2001): a benchmark, not a norm.
    reference={"share_public_long_term": 0.20, "share_members": 0.30, "share_projects": 0.50},
    metrics=(
        Sum("total_eur", Bi("Maksettu rahoitus (€)", "Paid funding (€)"), FUNDING, n="total_rows"),
        Sum(
            "committed_eur",
            Bi("Sidottu rahoitus (€)", "Committed funding (€)"),
            FUNDING,
            n="committed_rows",
        ),
        *(
            Share(
                f"share_{group}",
                label,
                FUNDING,
                numerator=group,
                denominator="total_eur",
                note="no_funding",
            )
            for group, label in (
                ("public_long_term", Bi("Pitkäaikainen julkinen osuus", "Long-term public share")),
                ("members", Bi("Jäsenten osuus", "Members' share")),
                ("projects", Bi("Hankkeiden osuus", "Projects' share")),
                ("other", Bi("Muu osuus", "Other share")),
            )
        ),
        Share(
            "city_share",
            Bi("Kaupungin osuus", "City share"),
            FUNDING,
            numerator="city_eur",
            denominator="total_eur",
            note="no_funding",
        ),
        Sum(
            "city_eur",
            Bi("Kaupungin maksama rahoitus (€)", "Funding paid by the city (€)"),
            FUNDING,
            n="city_rows",
        ),
    ),
)

OUT_1 = Indicator(
    code="OUT-1",
    recipient="cluster_org",
    data_class="LOG",
    name=Bi("Kirjatut tulokset", "Recorded outcomes"),
    description=Bi(
        "Kaikki vuonna kirjatut tulokset tyypistä riippumatta, niistä menestystarinoina"
        " julkaistut (julkaisulupa) ja kirjattu arvo (€); n = tulokset, joille arvo on kirjattu.",
        "Every outcome logged in the year whatever its type, those published as success stories"
        " (consent given) and the value recorded (€); n = outcomes with a recorded value.",
    ),
    caveat=_join(
        LOGGED,
        ATTRIBUTION,
        Bi(
            "Yksi tulos lasketaan kerran, vaikka se kuuluisi usean mittarin piiriin.",
            "Each outcome counts once, though it may fall under several indicators.",
        ),
    ),
    source="out_1.sql",
    metrics=(
        Count("outcomes", Bi("Kirjatut tulokset", "Recorded outcomes"), ("outcomes",)),
        Count(
            "published_stories",
            Bi("Julkaistut menestystarinat", "Published success stories"),
            ("outcomes",),
        ),
        Sum(
            "outcomes_eur",
            Bi("Tulosten kirjattu arvo (€)", "Recorded value of outcomes (€)"),
            ("outcomes",),
            n="amounts",
        ),
    ),
)

ESCA = Indicator(
    code="ESCA",
    recipient="cluster_org",
    data_class="ADM",
    name=Bi("ESCA-valmius", "ESCA readiness"),
    description=Bi(
        "ESCA:n klusteriorganisaation ehdot: vähintään 15 toimijaa, joista suurin osa yrityksiä,"
        " ja vähintään 5 erilaista toimintoa vuodessa; täyttyneiden ehtojen määrä.",
        "ESCA's cluster-organisation criteria: at least 15 actors, most of them companies, and at"
        " least 5 different activities a year; the number of criteria met.",
    ),
    caveat=_join(
        Bi(
            "Henkilöstö (≥ 0,5 htv) ja strategiset painopisteet (≥ 2) eivät ole mukana.",
            "Staffing (≥ 0.5 FTE) and strategic priorities (≥ 2) are not included.",
        ),
        ACTIVITY,
    ),
    source="esca.sql",
    metrics=(
        Count("actors", Bi("Toimijat (jäsenet)", "Actors (members)"), MEMBERS),
        Share(
            "company_share",
            Bi("Yritysten osuus", "Company share"),
            MEMBERS,
            numerator="companies",
            denominator="actors",
            note="no_members",
        ),
        Count("activity_types", Bi("Erilaiset toiminnot", "Activity types"), EVENTS),
        Count(
            "criteria_met",
            Bi("Täyttyneet ehdot (0–3)", "Criteria met (0–3)"),
            ("members", "events"),
        ),
    ),
)

# Table 3 in the cookbook's order, then the funding mix, all outcomes and ESCA readiness.
BUILT_IN: tuple[Indicator, ...] = (
    REG_1,
    REG_2,
    REG_3,
    REG_4,
    REG_5,
    ORG_1,
    ORG_2,
    ORG_3,
    ORG_4,
    ORG_5,
    RDI_1,
    RDI_2,
    COM_1,
    COM_2,
    COM_3,
    COM_4,
    COM_5,
    PUB_1,
    PUB_2,
    PUB_3,
    PUB_4,
    FUN_1,
    OUT_1,
    ESCA,
)
TABLE3_CODES: tuple[str, ...] = tuple(i.code for i in BUILT_IN[:21])
BUILT_IN_CODES: tuple[str, ...] = tuple(i.code for i in BUILT_IN)
