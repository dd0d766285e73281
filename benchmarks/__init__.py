"""Benchmarks: ratios against a baseline measured in the same run (DESIGN.md §6)."""
