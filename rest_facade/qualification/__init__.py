"""TMF679 Product Offering Qualification v5 over the EligibilityService."""
