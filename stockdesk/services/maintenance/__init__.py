"""Looking after a desk: first-run set-up (`first_run`), demo data (`demo`), backups (`backup`), local
settings (`settings`) and logging (`logging_setup`)."""
