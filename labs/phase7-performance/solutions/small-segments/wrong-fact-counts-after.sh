# Plausible wrong answer: the right actions, and the segment count read after
# the compaction (1) recorded as the count before it.
set -euo pipefail
sed -i 's/^segments_before_compaction = .*/segments_before_compaction = 1/' segments.toml
