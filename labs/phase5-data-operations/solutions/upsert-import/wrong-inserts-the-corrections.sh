# Plausible wrong answer: the import is right, but the corrections go in with
# insert: Milvus keeps both rows of every corrected id.
set -euo pipefail
LOADER_WRONG=insert-corrections python "$SOLUTION_DIR/import_products.py"
