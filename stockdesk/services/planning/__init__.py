"""Keeping shelves full: low-stock alerts (`alerts`), reorder suggestions (`reorder`), purchase orders
(`purchasing`) and the dashboard's figures (`dashboard`)."""
