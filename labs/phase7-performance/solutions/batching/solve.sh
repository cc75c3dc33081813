# Reference solution: measure 1, 10, 50 and 100 query vectors per call; the
# gain flattens past 50 on this data, so take 50.
set -euo pipefail
for nq in 1 10 50 100; do python search_load.py "$nq"; done | tee batching.log
qps() { sed -n "s/^nq=$1: .* = \([0-9]*\) queries per second.*/\1/p" batching.log; }
printf 'batch_size = %s\nsingle_queries_per_second = %s\nbatched_queries_per_second = %s\n' \
    "${BATCH:-50}" "$(qps 1)" "$(qps "${BATCH:-50}")" > batch.toml
source "$SOLUTION_DIR/inserts.sh"
cat batch.toml
