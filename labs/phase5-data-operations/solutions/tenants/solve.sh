# Reference solution: build the four layouts, then record what the server
# showed: the partition count of saas_docs and the limit in the refusal.
set -euo pipefail
PYTHONPATH=. python "$SOLUTION_DIR/layout.py" | tee layout.log
partitions=$(sed -n 's/^partitions of saas_docs: //p' layout.log)
limit=$(grep -o 'exceeds max configuration ([0-9]*)' layout.log | grep -o '[0-9]*')
printf 'saas_partitions = %s\nmax_partitions = %s\n' "$partitions" "$limit" > layout.toml
cat layout.toml
