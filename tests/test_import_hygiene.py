"""index/ must never pull in Textual or Rich: the CLI stays fast and the core stays testable."""

import subprocess
import sys
from pathlib import Path


def test_index_package_imports_without_textual_or_rich():
    modules = sorted(p.stem for p in (Path(__file__).parent.parent / "index").glob("*.py"))
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('index' if name == '__init__' else 'index.' + name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "print(bad)\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
