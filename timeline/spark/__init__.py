"""The same mapping and kernel on Apache Spark (the optional extra `[spark]`).

    from timeline import spark as tls
    spark = tls.local_session()                     # or the session your cluster gives you
    events = tls.read_events(spark, "s3://bucket/events/")   # an event folder
    pairs = tls.lags(events, "threat", "attack", "7d", by="actor")
    tls.lag_summary(pairs)

Needs pyspark >= 4.0 and Java 17: `pip install "warnlag-timeline[spark]"`. The core
package never imports this module. See docs/spark.md for running it on a cluster.
"""

from __future__ import annotations

try:
    import pyspark  # noqa: F401
except ModuleNotFoundError as exc:  # pragma: no cover - depends on the install
    from timeline.errors import TimelineError

    raise TimelineError(
        "timeline.spark needs pyspark. Hint: pip install 'warnlag-timeline[spark]' "
        "(and Java 17, e.g. apt-get install openjdk-17-jre-headless)."
    ) from exc

from timeline.spark.layout import from_polars, read_events, spark_schema, write_events
from timeline.spark.pairs import lags
from timeline.spark.session import configure, local_session
from timeline.spark.stats import baseline_test, lag_summary

__all__ = [
    "baseline_test",
    "configure",
    "from_polars",
    "lag_summary",
    "lags",
    "local_session",
    "read_events",
    "spark_schema",
    "write_events",
]
