"""Benchmarks and soak tests run by hand or in CI; not part of the installed package."""
