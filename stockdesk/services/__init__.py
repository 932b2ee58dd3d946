"""The use cases every front end calls, grouped by what a shop person would call them.

`accounts`, `catalogue`, `inventory`, `planning`, `exchange` (imports and report data), `maintenance`,
and the outgoing `mail`. Shared by all of them: the unit of work (`uow`), the open database and its
single-transaction view (`database`), the frozen views handed to front ends (`views`), input
validation (`validation`) and the garbage-collector pause for bulk work (`gc_pause`).
"""
