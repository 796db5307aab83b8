"""What each screen shows: one model per page, computed from the core and the ETL, no Streamlit."""
