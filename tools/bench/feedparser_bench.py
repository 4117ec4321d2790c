"""Times Python feedparser on feed files, in the same tab-separated form as feed-bench.

usage: python feedparser_bench.py RUNS FILE...

The file is read once; only feedparser.parse on the bytes in memory is timed, as for the
native parsers.
"""

import statistics
import sys
import time

import feedparser


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    runs = max(1, int(sys.argv[1]))
    print("file\tparser\tbytes\truns\tmedian_ns\tmin_ns\tentries\tauthors\twarnings\terror")
    for path in sys.argv[2:]:
        with open(path, "rb") as handle:
            data = handle.read()
        print(f"{path}: {len(data) / 1e6:.1f} MB, feedparser × {runs} runs", file=sys.stderr)
        times = []
        entries = authors = 0
        for _ in range(runs):
            start = time.perf_counter_ns()
            parsed = feedparser.parse(data)
            times.append(time.perf_counter_ns() - start)
            entries = len(parsed.entries)
            authors = sum(len(entry.get("authors", [])) for entry in parsed.entries)
            del parsed
        # feedparser does not fail on malformed feeds; it sets `bozo` instead.
        median = int(statistics.median_low(times))
        print(f"{path}\tfeedparser\t{len(data)}\t{runs}\t{median}\t{min(times)}\t{entries}\t{authors}\t0\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
