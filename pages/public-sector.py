"""Julkinen sektori / Public sector: the Table-3 indicators of this recipient."""

from appkit.cards import render_recipient
from appkit.frame import current

render_recipient(current(), "public_sector")
