"""Benchmarks at national scale (`make bench`, `python -m bench`): load, indicators, pages, memory."""
