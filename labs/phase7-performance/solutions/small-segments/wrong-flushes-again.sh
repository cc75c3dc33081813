# Plausible wrong answer: flush again and expect Milvus to tidy up; flush only
# seals growing segments, so the small ones stay. The id is a made-up one.
set -euo pipefail
SEGMENTS_WRONG=flush-again bash "$SOLUTION_DIR/solve.sh"
