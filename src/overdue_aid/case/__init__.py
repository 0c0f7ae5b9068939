"""Cases: one debt with one lender."""
