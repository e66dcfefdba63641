"""Benchmarks at real scale (`make bench`, `make bench QUICK=1`); not collected by `make test`."""
