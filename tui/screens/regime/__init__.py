"""The meeting regime: the agenda of planned visits, the compliance grid, and a meeting
reported without a visit."""
