"""The click CLI: the batch face of phutrach."""
