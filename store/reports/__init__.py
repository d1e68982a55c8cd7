"""What the briefs need from the store: province-scale figures, the log and numbers
of generated briefs, their scopes and the committee's letterhead.

Each module is imported by name (`from store.reports import brief_log`): nothing here, so that
the briefs screen loads the register and the scopes without the figures of the annual
report."""
