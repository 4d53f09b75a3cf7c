"""Graph: one document's extraction as RDF triples, text reuse across documents, writing the graph and its index."""
