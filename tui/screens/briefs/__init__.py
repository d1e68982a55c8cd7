"""Word briefs: the batch screen, choosing one brief's scope, the letterhead form."""
