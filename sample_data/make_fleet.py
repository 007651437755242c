"""Write the bundled fleet (100 fraud models' logs and their registry) into a folder.

Run ``python sample_data/make_fleet.py --output-dir DIR``; the dashboard and ``valuelens fleet``
write it on first use into the cache folder instead (see ``sample_data/README.md``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from metrics.fleet.sample import write_fleet


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, required=True)
    print(write_fleet(parser.parse_args(argv).output_dir))


if __name__ == "__main__":
    main()
