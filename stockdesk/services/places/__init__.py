"""Bin locations inside stores, lots with expiry and serial numbers (issue 20)."""
