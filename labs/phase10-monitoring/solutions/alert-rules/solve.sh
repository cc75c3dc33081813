# Reference solution: rates for counters, the p99 from the histogram in
# milliseconds, resident memory in bytes, the data node's time-tick lag.
set -euo pipefail
source "$SOLUTION_DIR/write-rules.sh"
