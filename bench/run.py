"""`make bench`: every benchmark, one after another."""
import runpy
from pathlib import Path

for name in ("bench_parse.py", "bench_build.py", "bench_reuse.py"):
    print(f"== {name}", flush=True)
    runpy.run_path(str(Path(__file__).parent / name), run_name="__main__")
