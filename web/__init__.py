"""The web glue: the one module besides dashboard.py and pages/ that imports Streamlit."""
