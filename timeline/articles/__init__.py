"""News articles -> candidate events with evidence (extract), review and merging of reports."""
