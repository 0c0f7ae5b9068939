"""Evidence log: a tamper-evident record of collection contacts (issue 7)."""
