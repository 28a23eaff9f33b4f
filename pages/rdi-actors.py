"""TKI-toimijat / RDI actors: the Table-3 indicators of this recipient."""

from appkit.cards import render_recipient
from appkit.frame import current

render_recipient(current(), "rdi")
