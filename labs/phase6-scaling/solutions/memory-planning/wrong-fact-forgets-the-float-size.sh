# Plausible wrong answer: plans and loads the right way, but sizes the
# vectors as rows × dimensions bytes, forgetting that a float32 takes 4.
# Runs on the solved lab: it only rewrites plan.toml.
set -euo pipefail
RAW_MIB=20 source "$SOLUTION_DIR/write-plan.sh"
