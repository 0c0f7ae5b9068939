"""`overdue demo`: the whole path on a built-in sample case, in a temporary data dir."""
