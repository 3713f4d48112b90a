"""``python -m tui`` runs the ``briefing`` command (useful where scripts are not on PATH)."""

import sys

from .cli import main

sys.exit(main())
