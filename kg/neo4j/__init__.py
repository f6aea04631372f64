"""Neo4j holds the graph too: a real server (:mod:`.server`), where to reach it (:mod:`.connection`),
and the sync from the embedded store (:mod:`.sync`).

Nothing here imports the Neo4j driver at import time, so ``import kg`` stays light.
"""
