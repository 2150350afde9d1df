"""The gRPC tier of technical feasibility: servicer, mapping, catalog adapter, demo data."""
