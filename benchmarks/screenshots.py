"""Regenerate docs/screenshots/: every page on the bundled case and on the big stores.

    python benchmarks/screenshots.py

Runs the big-store browser test (tests/app/test_browser_big.py) with TIMELINE_SCREENSHOTS=1:
it serves the app, opens each store in headless Chromium, clicks through every page and
copies the full-page screenshots (bundled-<page>.png, big-day-<page>.png,
big-exact-<page>.png) into docs/screenshots/. Needs playwright and /usr/bin/chromium.
Nothing else writes there: a plain test run leaves the tracked files alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    env = {**os.environ, "TIMELINE_SCREENSHOTS": "1", "PYTHONPATH": str(ROOT)}
    test = "tests/app/test_browser_big.py::test_every_page_shows_without_an_error_box"
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test]
    code = subprocess.call(cmd, cwd=ROOT, env=env)
    shots = sorted((ROOT / "docs" / "screenshots").glob("*.png"))
    print(f"{len(shots)} screenshots in docs/screenshots/")
    return code


if __name__ == "__main__":
    sys.exit(main())
