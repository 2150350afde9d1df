# Benchmarks run on demand (`python -m tests.bench.catalog`), never as tests.
collect_ignore_glob = ["*.py"]
