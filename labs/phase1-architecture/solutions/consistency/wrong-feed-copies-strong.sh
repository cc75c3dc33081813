# Plausible wrong answer: creates feed with consistency_level="Strong", copying
# the line above it, then honestly records the level feed has. The answer
# matches feed, but the lesson (the default every collection gets) is missed.
set -euo pipefail
cp "$SOLUTION_DIR/race.py" race.py
FEED_LEVEL=Strong python race.py
source "$SOLUTION_DIR/record-findings.sh"
