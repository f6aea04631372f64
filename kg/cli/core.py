"""Commands on the embedded store: extract, load, remove, sparql, stats, validate."""

COMMANDS = []
