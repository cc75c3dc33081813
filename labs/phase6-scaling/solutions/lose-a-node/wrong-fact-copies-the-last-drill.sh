# Plausible wrong answer: does both drills, but writes the configured TTL (30)
# as the window instead of what the first drill measured. Runs on the solved
# lab: it only rewrites window.toml.
set -euo pipefail
WINDOW=30 python "$SOLUTION_DIR/record.py"
