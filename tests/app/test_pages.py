"""Every page of the router's list runs on the default case with no exception."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from timeline_app.nav import PAGES

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _app(root) -> AppTest:
    return AppTest.from_file(str(root / "app.py"), default_timeout=60)


@pytest.mark.parametrize("page", PAGES, ids=[p.url_path for p in PAGES])
def test_page_runs_on_the_default_case(root, page):
    at = _app(root)
    at.run()
    assert not at.exception, at.exception
    if not page.default:
        at.switch_page(page.path).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == page.title
