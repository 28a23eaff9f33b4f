"""Indicators: the cookbook's Table 3 (plus the funding mix and ESCA readiness) as declarative
entries with their SQL over the DuckDB views, the registry, the computation, and how results
read to people; also survey analytics, engagement levels, targets and the page analytics.

Entry points: ``indicators.builtin`` (the entries), ``indicators.registry.load_registry``,
``indicators.compute.compute``, ``indicators.present`` and ``indicators.breakdowns`` (pages).
"""
