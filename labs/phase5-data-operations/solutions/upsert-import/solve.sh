# Reference solution: upload the file, import it, wait for the task, upsert
# the corrections.
set -euo pipefail
python "$SOLUTION_DIR/import_products.py"
