"""Word briefs in the Party document format, built with python-docx. Reads `store` only."""
