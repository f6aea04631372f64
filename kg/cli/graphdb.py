"""Commands for Neo4j: neo4j start|stop|status, push, cypher, ask."""

COMMANDS = []
