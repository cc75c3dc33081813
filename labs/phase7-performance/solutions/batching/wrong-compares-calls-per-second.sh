# Plausible wrong answer: the right batch, but throughput counted in calls per
# second, so a call that carries 50 query vectors looks slower, not faster.
set -euo pipefail
for nq in 1 50; do python search_load.py "$nq"; done | tee batching.log
calls() { sed -n "s/^nq=$1: .*(\([0-9.]*\) ms per call)/\1/p" batching.log | awk '{printf "%.0f", 1000 / $1}'; }
printf 'batch_size = 50\nsingle_queries_per_second = %s\nbatched_queries_per_second = %s\n' "$(calls 1)" "$(calls 50)" > batch.toml
source "$SOLUTION_DIR/inserts.sh"
cat batch.toml
