"""Pieces of `timeline` that may not have landed yet: look them up, or return None."""

from __future__ import annotations

import importlib
from typing import Any


def find(module: str, name: str) -> Any | None:
    """`module.name` if that module exists and defines it, else None.

    Only a missing module (or a missing name) is tolerated; a module that exists but
    fails to import still raises, so real bugs are not hidden.
    """
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise
    return getattr(mod, name, None)


MISSING = "{what} is not available in this build yet (`{where}` has not landed)."


def missing(what: str, where: str) -> str:
    """The page message for a piece that has not landed."""
    return MISSING.format(what=what, where=where)
