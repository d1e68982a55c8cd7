"""The Party document frame (Hướng dẫn 36-HD/VPTW) every brief is built in: the page,
the header block, number and date, title, signature and distribution; the WordprocessingML
python-docx lacks; the blank template; Vietnamese numbers and dates; charts; atomic saving.
Knows no brief kind."""
