"""qgraph: quality-strategy policies as a knowledge graph."""
__version__ = "0.1.0"
