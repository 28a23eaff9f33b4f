"""Alue / Region: the Table-3 indicators of this recipient."""

from pages._shared import render_recipient

render_recipient("region")
