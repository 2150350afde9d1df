"""TMF620 Product Catalog Management v5 over the internal CatalogService."""
