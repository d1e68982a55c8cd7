"""The organization: the tree and searchable list of units, and one unit's detail."""
