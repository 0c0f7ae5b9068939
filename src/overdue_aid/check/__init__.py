"""The message check: tell a scam from a reminder and name the collection rules a message breaks."""
