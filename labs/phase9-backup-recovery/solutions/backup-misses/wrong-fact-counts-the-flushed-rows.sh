# Plausible wrong answer: records the rows in flushed segments (what the copy
# holds) as the rows the copy misses. Runs on the solved lab: it only rewrites
# backup.toml, from the listing the solution saved before the flush.
set -euo pipefail
flushed=$(awk '/^partition/ {sum += $6} END {print sum}' before.txt)
echo "unflushed_rows = $flushed" > backup.toml
