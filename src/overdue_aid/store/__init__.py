"""Storage shared by every capability: one SQLite database and safe file writes in the data dir."""
