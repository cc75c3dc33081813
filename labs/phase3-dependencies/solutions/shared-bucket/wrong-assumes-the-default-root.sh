# Plausible wrong answer: drops the right collection, but records the second
# instance's root path as the default one from the docs (files) instead of
# listing the bucket.
set -euo pipefail
python "$SOLUTION_DIR/drop.py" MILVUS_URI
sed -i 's/^second_root = .*/second_root = "files"/' bucket.toml
cat bucket.toml
