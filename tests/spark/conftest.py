"""One local[2] Spark session for every Spark test; skipped without pyspark or Java.

CI installs both (.ci/run), so there the Spark tests run; a laptop without Java skips them.
"""

from __future__ import annotations

import shutil

import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (extra [spark])")
if shutil.which("java") is None:
    pytest.skip("Java is not installed (Spark needs Java 17)", allow_module_level=True)


@pytest.fixture(scope="session")
def spark():
    from timeline.spark import local_session

    session = local_session(2, memory="1g", partitions=4)
    yield session
    session.stop()
