"""What the shop sells and where: items and their barcodes (`catalog`, `bulk` for many at once),
finding them by filter or by a scanned code (`item_query`, `scanning`), and the stores, suppliers and
categories (`organisation`)."""
