"""The guided wizard: one path through every capability, interactive or from an answers file."""
