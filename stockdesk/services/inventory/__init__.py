"""Stock: the ledger every movement is written to (`ledger`, `postings`), the counter's receive/sell/
transfer/adjust (`stock`), stocktakes (`stocktake`, `stocktake_posting`, `stocktake_queries`), reading
movements back (`ledger_query`, `movement_queries`), the proof that levels equal the ledger (`check`)
and that every movement names rows that exist (`orphans`)."""
