"""The server's half of sync: preparing the shared database (`setup`), and applying what desks push
(`push` → `batch`, `inserts`, `updates`) with its change log kept by `capture`."""
