"""Core of the dashboard: database access, reference data, plans and the indicator engine."""
