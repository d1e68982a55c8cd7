"""The brief kinds, one module each (visit, unit, supervisor, plan, annual), built in the
frame from what the store computes, with the wording and sections they share."""
