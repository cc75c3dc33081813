# Plausible wrong answer: the right actions, and count(*) (4000, what queries
# see) recorded as what storage held before compaction.
set -euo pipefail
sed -i 's/^segment_rows_before_compaction = .*/segment_rows_before_compaction = 4000/' space.toml
