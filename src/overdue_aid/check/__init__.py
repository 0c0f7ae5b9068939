"""The message check: tell a scam from a reminder and name the collection rules a message breaks."""

import os

# The rule packs ship inside the package (wheel and source tree alike). Named here, in a module that is never
# compiled, because a compiled module's __file__ is its extension in overdue_aid/_native/.
RULES_FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rules")
