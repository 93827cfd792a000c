"""Build scripts of the repository: they write files that are committed and are never deployed."""
