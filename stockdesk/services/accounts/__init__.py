"""People and what they did: users, roles and log-in (`users`), the audit trail (`audit`, `audit_query`)."""
