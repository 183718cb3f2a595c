"""The PO layer: reading and writing catalogs, and merging a template into them."""
