"""Stock: the ledger every movement is written to (`ledger`, `postings`), the counter's receive/sell/
transfer/adjust (`stock`), stocktakes (`stocktake`, `stocktake_posting`, `stocktake_queries`), reading
movements back (`ledger_query`, `movement_queries`) and the proof that levels equal the ledger (`check`)."""
