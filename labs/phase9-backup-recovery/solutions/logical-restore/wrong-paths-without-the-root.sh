# Plausible wrong answer: the copy is right, the import paths leave out the
# target's root (files2/). The import completes, with 0 rows and no error.
set -euo pipefail
IMPORT_ROOT=backup bash "$SOLUTION_DIR/solve.sh"
