# Plausible wrong answer: the newer docs' switch, the collection property
# mmap.enabled, and a restart. Milvus 2.3.5 accepts it and loads into the heap.
set -euo pipefail
MMAP_WRONG=property SWITCH_ANSWER=mmap.enabled bash "$SOLUTION_DIR/solve.sh"
