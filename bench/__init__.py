"""Benchmarks: realistic large inputs and timings against the alternatives (``make bench``)."""
