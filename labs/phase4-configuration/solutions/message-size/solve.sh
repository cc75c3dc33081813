# Reference solution: run the one-call loader and read the limit in its error,
# then load in batches that fit.
set -euo pipefail
error=$(python load.py 2>&1 | grep -o -m1 'received message larger than max ([0-9]* vs. [0-9]*)' || true)
echo "first load: $error"
limit=$(sed -E 's/.* vs\. ([0-9]+)\)/\1/' <<< "$error")
printf 'server_max_recv_bytes = %s\n' "$limit" > limits.toml
cat limits.toml
cp "$SOLUTION_DIR/load.py" load.py
python load.py
