"""Analysis and plans: why the borrower is overdue, what they can afford, what waiting costs, what to ask for."""
