# Plausible wrong answer: the same rows through client inserts, which is what
# bulk import exists to avoid for large loads; the data ends up right.
set -euo pipefail
LOADER_WRONG=insert-products python "$SOLUTION_DIR/import_products.py"
