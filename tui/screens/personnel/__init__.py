"""Personnel (confidential): the secretaries list, a person, a plan, and their forms."""
