"""Interactive pages of the graph, drawn with pyvis from a networkx graph and nothing else."""
