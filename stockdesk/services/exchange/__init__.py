"""Data in and out: item files imported (`imports`, `import_checks`, `import_files`) and the rows reports
are made of (`report_queries`)."""
