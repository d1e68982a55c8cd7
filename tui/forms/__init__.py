"""Form plumbing: dates typed the Vietnamese way and a store error shown at its field."""
