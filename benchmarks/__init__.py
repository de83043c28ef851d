"""Benchmarks: `make bench` (python -m benchmarks) prints one table of all figures."""
