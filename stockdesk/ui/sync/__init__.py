"""The window's sync parts: the status-bar label and controller, the review panel, and their hook-up."""
