"""What the dashboard reads: the question (`query`), the stores, cached results, loading."""
