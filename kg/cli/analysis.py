"""Commands that summarise and export: summary, report, analyze, export."""

COMMANDS = []
