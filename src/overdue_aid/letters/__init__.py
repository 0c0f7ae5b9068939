"""Letters to lenders and regulators, drafted from a case, its plan and its evidence log."""
