# Plausible wrong answer: counts everything under datacoord-meta/ as segments,
# binlog, statslog and checkpoint keys included.
set -euo pipefail
SEGMENT_PREFIX=by-dev/meta/datacoord-meta/ source "$SOLUTION_DIR/record-findings.sh"
