#!/usr/bin/env bash
# One runner's share of the publish workflow's translation: `diptych translate` on shard
# K of N (N=1: the whole project, which also moves the catalogs of renamed pages), then
# the catalogs it wrote, and only those, packed into shard.tar for the commit job.
# Usage: tools/ci/translate-shard.sh K N    (DIPTYCH: the command, .venv/bin/diptych)
set -euo pipefail
k=$1 n=$2
diptych=${DIPTYCH:-.venv/bin/diptych}
if [ "$n" -eq 1 ]; then
  "$diptych" translate -q
else
  "$diptych" translate -q --shard "$k/$n"
fi
# The catalogs it wrote, packed; those it moved away (with their renamed pages), by name.
git ls-files -z --modified --others --exclude-standard -- translations |
  while IFS= read -r -d '' file; do if [ -f "$file" ]; then printf '%s\0' "$file"; fi; done > written
tar --null --files-from written -cf shard.tar
git ls-files -z --deleted -- translations > deleted
echo "shard $k/$n: $(tr -cd '\0' < written | wc -c) catalog(s) written, $(tr -cd '\0' < deleted | wc -c) moved away"
rm -f written
