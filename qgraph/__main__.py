"""``python -m qgraph``: the command line."""
from qgraph.cli import main

main()
