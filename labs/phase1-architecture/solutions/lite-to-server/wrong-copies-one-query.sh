# Plausible wrong answer: copies what one query returns, with the largest limit
# a server accepts (16384), and never pages: 3,616 products stay behind.
set -euo pipefail
cp "$SOLUTION_DIR/move.py" move.py
ONE_QUERY=1 python move.py "$MILVUS_URI"
