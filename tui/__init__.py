"""briefing's terminal browser (Textual) and the ``briefing`` command."""

import os

# Textual paints at most 60 frames a second, so a keystroke's results could wait up to 17 ms
# for their frame slot; at 120 they wait at most 8 (measured: keystroke p50 31 -> 23 ms at
# 156,000 paragraphs). Read when Textual is first imported; a user's own setting wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
