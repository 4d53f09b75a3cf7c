"""Ask: the graph's answers, through SPARQL only (engines, the query library, lead, compare, reuse, analytics)."""
