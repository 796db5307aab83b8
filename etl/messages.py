"""Vietnamese messages of the ETL (what a district clerk reads about a file), in one place."""

# --- workbook reading (etl/workbook.py) ---------------------------------------
