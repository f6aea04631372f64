"""Commands that draw pages: viz."""

COMMANDS = []
