"""Indicators: the registry of the cookbook's Table 3 (plus funding mix and ESCA readiness), their
SQL over the DuckDB views, survey analytics, engagement levels, targets and page analytics.

Entry points: ``indicators.compute.compute`` (every result record), ``indicators.registry``
(``REGISTRY``, ``Indicator``, ``register``), ``indicators.engagement`` and ``indicators.survey``.
"""
