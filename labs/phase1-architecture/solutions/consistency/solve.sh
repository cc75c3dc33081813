# Reference solution: orders at Strong, feed at the default; measure the misses
# per level, then record the default level and the Bounded window.
set -euo pipefail
cp "$SOLUTION_DIR/race.py" race.py
python race.py
source "$SOLUTION_DIR/record-findings.sh"
cat consistency.toml
