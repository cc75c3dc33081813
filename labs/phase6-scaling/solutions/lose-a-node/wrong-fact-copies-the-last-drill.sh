# Plausible wrong answer: does both drills, but copies the window of the last
# one (at the lowered TTL) instead of the first one's. Runs on the solved lab:
# it only rewrites window.toml. (Writing the configured TTL, 30, is the
# likelier mistake, but a first drill can measure 28.5 s or more, within the
# check's tolerance of 30: no check can tell that answer from a right one.)
set -euo pipefail
last=$(tail -n 1 drills.jsonl | python -c 'import json, sys; print(json.load(sys.stdin)["declared_dead_after_seconds"])')
WINDOW=$last python "$SOLUTION_DIR/record.py"
