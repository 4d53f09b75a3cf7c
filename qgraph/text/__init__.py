"""Text: the stages before extraction (manifest, read, normalise, segment) and the words extraction shares."""
