"""ETL: read the submitted report forms, check them and load them; the command line lives here."""
