"""A chart carries the styling of what it draws only: the default template (Streamlit's theme
in the app) cut to the figure's trace types, so a page neither sends nor re-checks the styling
of ten trace types it never draws."""

from __future__ import annotations

import pandas as pd
import plotly.io as pio
import pytest

from charts import figures


def test_template_keeps_the_layout_and_the_given_trace_types() -> None:
    whole = pio.templates["plotly"].to_plotly_json()
    cut = figures.template("plotly", frozenset({"bar", "heatmap"}))
    assert cut["layout"] == whole["layout"]
    assert cut["data"] == {"bar": whole["data"]["bar"], "heatmap": whole["data"]["heatmap"]}
    assert figures.template(None, frozenset({"bar"})) is None


def test_a_chart_keeps_its_own_trace_types_styling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pio.templates, "default", "plotly")
    frame = pd.DataFrame({"year": [2023, 2024], "a": [3, 5]})
    line = figures.lines(frame, x="year", columns={"a": "Toimipaikat"}, unit="count", lang="fi")
    spec = line.to_plotly_json()["layout"]["template"]
    whole = pio.templates["plotly"].to_plotly_json()
    assert spec["layout"] == whole["layout"]
    assert spec["data"] == {"scatter": whole["data"]["scatter"]}
