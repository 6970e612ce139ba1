"""What the dashboard draws: the sidebar, tables and messages, charts, downloads, review."""
