"""Reports: one shared page template (template.py), CSV of the same data (csv_writer.py), label sheets.

Reports take plain rows (mappings or dataclasses, as the services return them) and never touch the
database. Entry points: `ReportDocument(meta, columns).write_pdf(path, sections)`,
`write_csv(path, columns, sections)` and `write_labels(path, labels, preset, copies)`.
"""
