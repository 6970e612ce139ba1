"""The `timeline` command: one module per subcommand, library errors -> exit 1, one line.

Without --store every command works on the bundled Cairo case (loaded into memory), so it
shows something on a fresh machine.
"""

from __future__ import annotations

import sys

from timeline.cli.app import app, run

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
