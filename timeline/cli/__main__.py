"""`python -m timeline.cli`."""

from timeline.cli import main

main()
