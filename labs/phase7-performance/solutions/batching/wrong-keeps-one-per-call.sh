# Plausible wrong answer: "one query per call keeps latency lowest", so the
# batch stays at 1 and nothing is measured against it.
set -euo pipefail
python search_load.py 1 | tee batching.log
qps=$(sed -n 's/.* = \([0-9]*\) queries per second.*/\1/p' batching.log)
printf 'batch_size = 1\nsingle_queries_per_second = %s\nbatched_queries_per_second = %s\n' "$qps" "$qps" > batch.toml
source "$SOLUTION_DIR/inserts.sh"
cat batch.toml
