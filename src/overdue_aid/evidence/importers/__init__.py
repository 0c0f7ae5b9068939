"""Readers for phone backups and spreadsheets that become evidence entries."""
