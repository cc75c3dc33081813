# Plausible wrong answer: delete and flush, and trust that the space is free;
# the id is a made-up one (no compaction was asked).
set -euo pipefail
SPACE_WRONG=no-compaction bash "$SOLUTION_DIR/solve.sh"
echo 'compaction_id = 1' >> space.toml
