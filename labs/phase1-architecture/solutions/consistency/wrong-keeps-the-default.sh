# Plausible wrong answer: creates orders without choosing a level, so it reads at
# Bounded and may miss a write it just made; the answers are right.
set -euo pipefail
cp "$SOLUTION_DIR/race.py" race.py
ORDERS_LEVEL=Bounded python race.py
source "$SOLUTION_DIR/record-findings.sh"
