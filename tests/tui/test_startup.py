"""The first frame must not wait for the index's heavy modules (numpy, Whoosh, claim rules)."""

from __future__ import annotations

import subprocess
import sys


def test_the_app_module_loads_without_the_index_modules():
    code = ("import sys, tui.app; "
            "print(sorted(m for m in ('numpy', 'whoosh', 'index.searching', 'index.store') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_public_name_of_the_index_resolves():
    import index

    assert all(getattr(index, name) is not None for name in index.__all__)
    assert callable(index.search) and callable(index.related)
