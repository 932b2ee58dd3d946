"""Counter mode: the full-screen page a clerk scans at (item card, quick actions, shift list)."""
