"""Readers by format: each turns one kind of file into the text qgraph works on, with a map back to the file."""
