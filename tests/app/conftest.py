"""Dashboard tests: AppTest drives app.py; the browser test drives a real server."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # so `timeline_app` imports like it does under streamlit


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item (the browser test screenshots failures)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
