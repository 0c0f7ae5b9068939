"""overdue-aid: offline, bilingual self-help for people behind on loan repayments."""

__version__ = "0.1.0"
