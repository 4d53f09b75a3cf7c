"""Viz: the interactive HTML graphs, drawn from the graph's answers."""
