"""A simple temporal network: event times and the offsets between them, solved together.

Each event is a time point t_i known to lie in [lo_i, hi_i] (its own phrases; +-inf when
the text gives none). An offset phrase says t_j - t_i lies in [dmin, dmax] ("45 minutes
before the blast": [-45, -45] min; "a few hours later": [1, 6] h; a claim follows what it
claims: [0, inf)). Written as a distance graph (an origin node 0; t_i - t_0 <= hi_i,
t_0 - t_i <= -lo_i; t_j - t_i <= dmax, t_i - t_j <= -dmin), the shortest paths
(Floyd-Warshall) give the tightest bounds every constraint allows at once; a negative
cycle means the text's statements contradict each other. This is the Simple Temporal
Problem of Dechter, Meiri & Pearl (1991); with the dozen events of an article the cubic
cost is nothing.

Times are plain floats (seconds from any origin) so the solver knows nothing of zones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INF = float("inf")


@dataclass(frozen=True)
class Solution:
    """Tightest bounds of every point, and the distance matrix (for relative bounds)."""

    bounds: list[tuple[float, float]]
    dist: np.ndarray  # dist[i + 1, j + 1] = the largest t_j - t_i allowed

    def between(self, i: int, j: int) -> tuple[float, float]:
        """Bounds of t_j - t_i: known even when neither point has an absolute time."""
        return -self.dist[j + 1, i + 1], self.dist[i + 1, j + 1]


def solve(
    bounds: list[tuple[float, float]], offsets: list[tuple[int, int, float, float]]
) -> Solution | None:
    """Tightened bounds for `bounds` under `offsets` (i, j, dmin, dmax), or None if
    the constraints cannot all hold."""
    n = len(bounds) + 1
    d = np.full((n, n), INF)
    np.fill_diagonal(d, 0.0)
    for i, (lo, hi) in enumerate(bounds, 1):
        d[0, i] = hi
        d[i, 0] = -lo
    for i, j, dmin, dmax in offsets:
        d[i + 1, j + 1] = min(d[i + 1, j + 1], dmax)
        d[j + 1, i + 1] = min(d[j + 1, i + 1], -dmin)
    for k in range(n):
        d = np.minimum(d, d[:, k : k + 1] + d[k : k + 1, :])
    if (np.diag(d) < 0).any():
        return None
    return Solution([(-d[i, 0], d[0, i]) for i in range(1, n)], d)
