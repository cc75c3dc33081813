# Plausible wrong answer: assumes a collection reads at Strong unless told
# otherwise, instead of describing feed.
set -euo pipefail
cp "$SOLUTION_DIR/race.py" race.py
python race.py
FEED_LEVEL_OVERRIDE=Strong source "$SOLUTION_DIR/record-findings.sh"
