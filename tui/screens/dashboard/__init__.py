"""The first screen: what is due and overdue, the week's agenda, open plans and concerns."""
