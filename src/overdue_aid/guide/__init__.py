"""Guidance: the steps to take, collectors' limits, whom to call."""
