"""TMF645 Service Qualification Management v4 over ordercapture.feasibility.v1."""
