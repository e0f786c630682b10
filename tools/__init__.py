"""Build tools run by hand to regenerate committed data files (not installed with the package)."""
