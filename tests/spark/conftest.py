"""One local[2] Spark session for every Spark test; skipped without pyspark or Java.

CI installs both (.ci/run) and sets TIMELINE_REQUIRE_SPARK=1, so there they run or fail;
a laptop without Java skips them.
"""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest

REQUIRED = os.environ.get("TIMELINE_REQUIRE_SPARK") == "1"  # CI: a skip would hide a gap
missing = (
    "pyspark is not installed (extra [spark])" if importlib.util.find_spec("pyspark") is None
    else "Java is not installed (Spark needs Java 17)" if shutil.which("java") is None
    else None
)  # fmt: skip
if missing and REQUIRED:
    raise RuntimeError(f"TIMELINE_REQUIRE_SPARK=1 but {missing}")


def pytest_collection_modifyitems(config, items):
    if missing:
        here = os.path.dirname(__file__)
        for item in items:
            if str(item.path).startswith(here):
                item.add_marker(pytest.mark.skip(reason=missing))


@pytest.fixture(scope="session")
def spark():
    from timeline.spark import local_session

    session = local_session(2, memory="1g", partitions=4)
    yield session
    session.stop()
