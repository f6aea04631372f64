"""Loaders: read a file of minutes, normalise its text, parse it into a record, turn it into RDF.

Nothing here knows of stores, Neo4j, pyvis or the command line.
"""

from loaders.reading import read_minutes

__all__ = ["read_minutes"]
