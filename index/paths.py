"""Where briefing keeps its files; every location can be overridden for tests and users.

Directories are created when used, never at import time.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "briefing"
INDEX_ENV = "BRIEFING_INDEX_DIR"
HOME_ENV = "BRIEFING_HOME"  # moves data and config together (tests, portable installs)


def data_dir() -> Path:
    home = os.environ.get(HOME_ENV)
    return Path(home) / "data" if home else platformdirs.user_data_path(APP_NAME)


def config_dir() -> Path:
    home = os.environ.get(HOME_ENV)
    return Path(home) / "config" if home else platformdirs.user_config_path(APP_NAME)


def default_index_dir() -> Path:
    """``BRIEFING_INDEX_DIR`` if set, else the index in the user data directory."""
    override = os.environ.get(INDEX_ENV)
    return Path(override) if override else data_dir() / "index"


def user_topics_file() -> Path:
    return config_dir() / "topics.toml"


def bundled_seeds_dir() -> Path:
    """The seed articles: inside the installed package, or the checkout's ``seeds/``."""
    installed = Path(str(resources.files("index"))) / "bundled_seeds"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "seeds"


def bundled_topics_file() -> Path:
    return bundled_seeds_dir() / "topics.toml"
