"""SQL macros that parse Finnish spreadsheet values and match organisations (SPEC 2, 3).

Every value is parsed inside DuckDB, column at a time, so a 200,000-row sheet costs one query
per sheet rather than a Python loop. The macros are temporary: ``install`` creates them on the
cursor an import runs on.
"""

from __future__ import annotations

import duckdb

from data.enums import ENUMS
from data.survey_catalogue import LIKERT_TEXT, NO_ANSWER, NO_TEXT, YES_TEXT

LEGAL_FORMS = ("oy", "oyj", "ab", "ltd", "ry", "ky", "tmi", "osakeyhtiö", "osuuskunta")
TRUE_TEXT = ("kyllä", "k", "yes", "y", "true", "tosi", "1", "1.0", "x")
FALSE_TEXT = ("ei", "e", "no", "n", "false", "epätosi", "0", "0.0", "-")
TOTALS_TEXT = ("yhteensä", "total", "totals", "summa", "yht.")
YEAR_RANGE = (1900, 2099)
# E-mail domains anyone can have: an address there says nothing about the organisation (SPEC
# 2.1). Subdomains count too (``pp.inet.fi``).
FREE_MAIL = (
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.fi",
    "hotmail.se",
    "outlook.com",
    "outlook.fi",
    "live.com",
    "live.fi",
    "live.se",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "protonmail.com",
    "proton.me",
    "pm.me",
    "gmx.com",
    "gmx.net",
    "gmx.de",
    "mail.com",
    "zoho.com",
    "yandex.com",
    "mail.ru",
    "tutanota.com",
    "tuta.io",
    "fastmail.com",
    "luukku.com",
    "luukku.fi",
    "suomi24.fi",
    "elisanet.fi",
    "saunalahti.fi",
    "kolumbus.fi",
    "netti.fi",
    "inet.fi",
    "welho.com",
    "dnainternet.net",
    "nic.fi",
    "jippii.fi",
    "kotiposti.net",
    "anvianet.fi",
    "netikka.fi",
    "mbnet.fi",
    "surffi.fi",
)


def sql_str(text: object) -> str:
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


def sql_list(values: object) -> str:
    """A parenthesised list of SQL string literals: ``('a', 'b')``."""
    return "(" + ", ".join(sql_str(v) for v in values) + ")"


def sql_name(name: str) -> str:
    """A quoted SQL identifier (a column or table name from a file or a setting)."""
    return '"' + name.replace('"', '""') + '"'


def value_key(text: str) -> str:
    """Python twin of ``km_key``: how enumeration names are compared."""
    return " ".join(text.casefold().replace("_", " ").split())


def enum_case_key(enum: str, key: str) -> str:
    """CASE expression mapping ``key`` (a ``km_key`` already computed) to the enumeration's
    code, so a column's key is computed once however many names the enumeration has."""
    pairs: dict[str, str] = {}
    for code, names in ENUMS[enum].items():
        for name in (code, *names):
            pairs.setdefault(value_key(name), code)
    whens = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in pairs.items())
    return f"(CASE {key} {whens} END)"


def _likert_case() -> str:
    """Likert value of key ``k``: a leading digit 1-5 (``4``, ``4.0``, ``4 = samaa mieltä``) or
    a known text. The regular expressions run only on keys that start with such a digit."""
    whens = " ".join(f"WHEN {sql_str(value_key(k))} THEN {v}" for k, v in LIKERT_TEXT.items())
    return (
        "CASE WHEN k[1] IN ('1', '2', '3', '4', '5') AND (regexp_full_match(k, '[1-5](\\.0+)?') "
        "OR regexp_matches(k, '^[1-5]\\s*[-=.):]')) THEN CAST(k[1] AS DOUBLE) "
        f"ELSE (CASE k {whens} END) END"
    )


_FREE_MAIL_SUFFIX = r"\.(" + "|".join(d.replace(".", r"\.") for d in FREE_MAIL) + ")$"

MACROS = rf"""
-- Most cells hold no whitespace to fold: a match test spares them the copying replace.
CREATE OR REPLACE TEMP MACRO km_clean(s) AS CASE
    WHEN regexp_matches(s, '[\t\n\f\r\x{{00A0}}\x{{202F}}]|^ | $|  ')
    THEN nullif(trim(regexp_replace(s, '[\s\x{{00A0}}\x{{202F}}]+', ' ', 'g')), '')
    ELSE nullif(s, '') END;
CREATE OR REPLACE TEMP MACRO km_key(s) AS
    lower(regexp_replace(trim(s), '[\s_]+', ' ', 'g'));
CREATE OR REPLACE TEMP MACRO km_ckey(r) AS CASE
    WHEN contains(r, '_') THEN km_key(r) ELSE lower(r) END;
CREATE OR REPLACE TEMP MACRO km_num_of(t) AS CASE
    WHEN t IN ('-', '–') THEN NULL
    WHEN regexp_full_match(t, '[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?') THEN TRY_CAST(t AS DOUBLE)
    WHEN regexp_full_match(t, '[+-]?\d*,\d+') THEN TRY_CAST(replace(t, ',', '.') AS DOUBLE)
    WHEN regexp_full_match(t, '[+-]?\d{{1,3}}(\.\d{{3}})+(,\d*)?')
        THEN TRY_CAST(replace(replace(t, '.', ''), ',', '.') AS DOUBLE)
    WHEN regexp_full_match(t, '[+-]?\d{{1,3}}(,\d{{3}})+(\.\d*)?')
        THEN TRY_CAST(replace(t, ',', '') AS DOUBLE)
    END;
CREATE OR REPLACE TEMP MACRO km_num(s) AS km_num_of(regexp_replace(replace(lower(s), '−', '-'),
    '(euroa|euro|eur|€|[\s\x{{00A0}}\x{{202F}}''])', '', 'g'));
CREATE OR REPLACE TEMP MACRO km_int_of(n) AS CASE
    WHEN n = round(n) AND abs(n) < 2e9 THEN CAST(n AS INTEGER) END;
CREATE OR REPLACE TEMP MACRO km_int(s) AS km_int_of(km_num(s));
-- A day, month and year (two-digit years are 2000-2099) as a date, or NULL when there is none.
CREATE OR REPLACE TEMP MACRO km_ymd(y, m, d) AS CAST(try_strptime(printf('%04d-%02d-%02d',
    CASE WHEN y < 100 THEN y + 2000 ELSE y END, m, d), '%Y-%m-%d') AS DATE);
-- ``a/b/y``: day first (``15/11/22``), unless the text has AM/PM (US exports: ``7/22/26, 7:00
-- PM``) or only month first fits (``11/19/2021``); ``p`` holds [a, b, y].
CREATE OR REPLACE TEMP MACRO km_slash_of(p, us) AS CASE
    WHEN p[1] <= 12 AND (p[2] > 12 OR us) THEN km_ymd(p[3], p[1], p[2])
    ELSE km_ymd(p[3], p[2], p[1]) END;
CREATE OR REPLACE TEMP MACRO km_date_of(s) AS CASE
    WHEN regexp_matches(s, '^\d{{4}}-\d{{1,2}}-\d{{1,2}}([ T]|$)')
        THEN TRY_CAST(regexp_extract(s, '^\d{{4}}-\d{{1,2}}-\d{{1,2}}') AS DATE)
    WHEN regexp_matches(s, '^\d{{1,2}}\.\d{{1,2}}\.\d{{4}}(\s|$)')
        THEN CAST(try_strptime(regexp_extract(s, '^\d{{1,2}}\.\d{{1,2}}\.\d{{4}}'),
            '%d.%m.%Y') AS DATE)
    WHEN regexp_full_match(s, '\d{{5}}(\.0+)?')
        THEN DATE '1899-12-30' + CAST(CAST(s AS DOUBLE) AS INTEGER)
    WHEN regexp_matches(s, '^\d{{4}}/\d{{1,2}}/\d{{1,2}}(\s|$)')
        THEN CAST(try_strptime(regexp_extract(s, '^\d{{4}}/\d{{1,2}}/\d{{1,2}}'),
            '%Y/%m/%d') AS DATE)
    WHEN regexp_matches(s, '^\d{{1,2}}/\d{{1,2}}/(\d{{4}}|\d{{2}})([,\s]|$)')
        THEN km_slash_of(list_transform(string_split(regexp_extract(s,
            '^\d{{1,2}}/\d{{1,2}}/\d{{2,4}}'), '/'), lambda x: TRY_CAST(x AS INTEGER)),
            regexp_matches(s, '\d\s*[AaPp]\.?[Mm]\b'))
    WHEN regexp_matches(s, '^[A-Za-z]{{3}}\.? \d{{1,2}}, \d{{4}}')
        THEN CAST(try_strptime(replace(regexp_extract(s, '^[A-Za-z]{{3}}\.? \d{{1,2}}, \d{{4}}'),
            '.', ''), '%b %d, %Y') AS DATE)
    END;
CREATE OR REPLACE TEMP MACRO km_date_in(d) AS CASE
    WHEN year(d) BETWEEN {YEAR_RANGE[0]} AND {YEAR_RANGE[1]} THEN d END;
CREATE OR REPLACE TEMP MACRO km_date(s) AS km_date_in(km_date_of(s));
CREATE OR REPLACE TEMP MACRO km_bool_of(k) AS CASE
    WHEN k IS NULL THEN false
    WHEN k IN {sql_list(TRUE_TEXT)} THEN true
    WHEN k IN {sql_list(FALSE_TEXT)} THEN false END;
CREATE OR REPLACE TEMP MACRO km_bool(s) AS km_bool_of(km_key(s));
CREATE OR REPLACE TEMP MACRO km_bid_form(s) AS CASE
    WHEN regexp_full_match(s, '\d{{7}}-\d') THEN s
    WHEN regexp_full_match(s, '\d{{6}}-\d') THEN '0' || s
    WHEN regexp_full_match(s, 'FI\d{{8}}') THEN substr(s, 3, 7) || '-' || substr(s, 10, 1)
    END;
CREATE OR REPLACE TEMP MACRO km_bid_rest(b) AS (
    7 * CAST(b[1] AS INTEGER) + 9 * CAST(b[2] AS INTEGER) + 10 * CAST(b[3] AS INTEGER)
    + 5 * CAST(b[4] AS INTEGER) + 8 * CAST(b[5] AS INTEGER) + 4 * CAST(b[6] AS INTEGER)
    + 2 * CAST(b[7] AS INTEGER)) % 11;
CREATE OR REPLACE TEMP MACRO km_bid_ok(b) AS CASE km_bid_rest(b)
    WHEN 0 THEN b[9] = '0' WHEN 1 THEN false
    ELSE 11 - km_bid_rest(b) = CAST(b[9] AS INTEGER) END;
CREATE OR REPLACE TEMP MACRO km_bid_text(s) AS km_bid_form(upper(replace(s, ' ', '')));
CREATE OR REPLACE TEMP MACRO km_bid_of(f) AS CASE WHEN km_bid_ok(f) THEN f END;
CREATE OR REPLACE TEMP MACRO km_bid(s) AS km_bid_of(km_bid_text(s));
CREATE OR REPLACE TEMP MACRO km_looks_bid(s) AS
    regexp_full_match(upper(replace(s, ' ', '')), '\d{{6,7}}-\d|FI\d{{8}}');
CREATE OR REPLACE TEMP MACRO km_list(s) AS CASE WHEN s IS NOT NULL THEN
    list_filter(list_transform(regexp_split_to_array(s, '[;\n]'), lambda x: trim(x)),
                lambda x: x <> '') END;
CREATE OR REPLACE TEMP MACRO km_name_key(s) AS coalesce(
    nullif(array_to_string(list_filter(
        regexp_split_to_array(lower(nfc_normalize(s)), '[^\pL\pN]+'),
        lambda x: x <> '' AND x NOT IN {sql_list(LEGAL_FORMS)}), ''), ''),
    nullif(regexp_replace(lower(nfc_normalize(s)), '[^\pL\pN]+', '', 'g'), ''),
    lower(s));
CREATE OR REPLACE TEMP MACRO km_person_of(n) AS nullif(lower(CASE
    WHEN regexp_matches(n, '[\t\n\f\r]|^ | $|  ') THEN regexp_replace(trim(n), '\s+', ' ', 'g')
    ELSE n END), '');
CREATE OR REPLACE TEMP MACRO km_person(s) AS km_person_of(nfc_normalize(s));
-- The domain of an e-mail address, web address or bare domain: ``Matti@Posti.Acme.fi``,
-- ``https://www.acme.fi/yhteystiedot`` and ``acme.fi`` all give ``posti.acme.fi`` / ``acme.fi``.
CREATE OR REPLACE TEMP MACRO km_domain_of(t) AS CASE
    WHEN regexp_full_match(t, '[\pL\pN-]+(\.[\pL\pN-]+)*\.\pL{{2,}}') THEN t END;
CREATE OR REPLACE TEMP MACRO km_domain(s) AS km_domain_of(regexp_replace(regexp_replace(
    regexp_replace(lower(trim(CASE WHEN contains(s, '@') THEN split_part(s, '@', -1) ELSE s END)),
    '^[a-z][a-z0-9+.-]*://', ''), '^www\.', ''), '[/:?#>)\]\s].*$|\.$', ''));
CREATE OR REPLACE TEMP MACRO km_free_mail(d) AS
    d IN {sql_list(FREE_MAIL)} OR regexp_matches(d, {sql_str(_FREE_MAIL_SUFFIX)});
-- A totals row's first cell, given cleaned (``km_clean``: whitespace already folded), so no
-- pattern runs on every row: ``Yhteensä``, ``TOTAL:``, ``yht. :``.
CREATE OR REPLACE TEMP MACRO km_totals(s) AS
    lower(trim(rtrim(s, ':'))) IN {sql_list(TOTALS_TEXT)};
CREATE OR REPLACE TEMP MACRO km_likert_of(k) AS {_likert_case()};
CREATE OR REPLACE TEMP MACRO km_no_answer_key(k) AS k IS NULL OR k IN {sql_list(NO_ANSWER)};
CREATE OR REPLACE TEMP MACRO km_likert_key(k) AS CASE
    WHEN km_no_answer_key(k) THEN NULL ELSE km_likert_of(k) END;
CREATE OR REPLACE TEMP MACRO km_yesno_key(k) AS CASE
    WHEN km_no_answer_key(k) THEN NULL
    WHEN k IN {sql_list(sorted(YES_TEXT | {"1.0"}))} THEN 1.0
    WHEN k IN {sql_list(sorted(NO_TEXT | {"0.0"}))} THEN 0.0 END;
CREATE OR REPLACE TEMP MACRO km_likert(s) AS km_likert_key(km_key(s));
CREATE OR REPLACE TEMP MACRO km_yesno(s) AS km_yesno_key(km_key(s));
CREATE OR REPLACE TEMP MACRO km_no_answer(s) AS km_no_answer_key(km_key(s));
"""


def install(cur: duckdb.DuckDBPyConnection) -> None:
    """Create the parsing macros on ``cur`` (temporary, per connection)."""
    cur.execute(MACROS)


def install_hmac(cur: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """``km_hmac(text)``: HMAC-SHA256 (RFC 2104) of the normalised text, hex, as in
    ``data.pseudonym.keyed_hash``; the key only lives in this connection's memory."""
    block = key.ljust(64, b"\0") if len(key) <= 64 else None
    if block is None:
        raise ValueError("pseudonymisation key longer than the SHA-256 block")
    ipad = bytes(b ^ 0x36 for b in block).hex()
    opad = bytes(b ^ 0x5C for b in block).hex()
    # NULL propagates through every step, so an empty name is hashed to NULL without a
    # second km_person per cell.
    cur.execute(
        "CREATE OR REPLACE TEMP MACRO km_hmac(s) AS "
        f"sha256(unhex('{opad}') || unhex(sha256(unhex('{ipad}') || encode(km_person(s)))))"
    )
