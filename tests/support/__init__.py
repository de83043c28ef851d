"""Test tooling shared by the tests, the screenshots and the benchmarks (servers, browsers).

It lives beside the tests, not in the product package: nothing here is deployed.
"""
