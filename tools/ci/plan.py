#!/usr/bin/env python3
"""Plan the publish workflow's translation: how the owner wants new machine translations
delivered (``extra.diptych.publish``), how many units wait, and over how many runners to
spread them. Prints ``key=value`` lines for ``$GITHUB_OUTPUT``.

Usage: plan.py [--shards N|auto] [--units-per-shard N]

With ``auto`` one runner takes up to ``--units-per-shard`` waiting units (all languages
counted), up to 8 runners; one runner translates the whole project in one run (which
also carries the catalogs of renamed pages along), more run ``--shard K/N``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

from diptych.config import load_project
from diptych.errors import DiptychError
from diptych.pipeline import pending

MAX_SHARDS = 8


def plan(shards: str, per_shard: int) -> dict[str, str]:
    project = load_project(".")
    waiting = pending(project)
    units = sum(waiting.values())
    if shards == "auto":
        count = min(MAX_SHARDS, max(1, math.ceil(units / per_shard)))
    else:
        count = int(shards)
        if not 1 <= count <= 20:
            raise DiptychError(f"shards must be between 1 and 20, not {count}")
    count = min(count, max(1, len(waiting)))  # never more runners than pages
    return {
        "mode": project.publish,
        "units": str(units),
        "pages": str(len(waiting)),
        "count": str(count),
        "list": json.dumps(list(range(1, count + 1))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shards", default="auto")
    parser.add_argument("--units-per-shard", type=int, default=1500)
    args = parser.parse_args()
    try:
        result = plan(args.shards, args.units_per_shard)
    except DiptychError as exc:
        print(f"plan: error: {exc}", file=sys.stderr)
        return 2
    for key, value in result.items():
        print(f"{key}={value}")
    print(
        f"plan: {result['units']} unit(s) of {result['pages']} page(s) wait; "
        f"{result['count']} runner(s); delivery: {result['mode']}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
