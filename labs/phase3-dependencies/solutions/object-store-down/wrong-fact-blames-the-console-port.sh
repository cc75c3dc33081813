# Plausible wrong answer: the fix is right, but the diagnosis names the port of
# the object store's console instead of the one Milvus tried. Runs on the
# solved lab: it only rewrites diagnosis.toml.
set -euo pipefail
sed -i 's/^address = .*/address = "minio:9001"/' diagnosis.toml
