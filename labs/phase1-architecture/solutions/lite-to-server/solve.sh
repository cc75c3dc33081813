# Reference solution: copy products from shop.db to the server with every page,
# the same ids and an index, then run the same app.py against both.
set -euo pipefail
cp "$SOLUTION_DIR/move.py" move.py
python move.py "$MILVUS_URI"
python app.py ./shop.db
python app.py "$MILVUS_URI"
