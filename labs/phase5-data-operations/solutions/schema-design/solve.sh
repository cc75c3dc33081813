# Reference solution: the schema the brief calls for, and the two limits read
# from the server's refusals.
set -euo pipefail
python "$SOLUTION_DIR/create_tickets.py" | tee design.log
max_shards=$(grep -o "maximum shards's number should be limited to [0-9]*" design.log | grep -o '[0-9]*$')
# 2.3 refuses a second vector field outright: one per collection.
if grep -q 'multiple vector fields is not supported' design.log; then vector_fields=1; else vector_fields=unknown; fi
printf 'max_shards = %s\nvector_fields = %s\n' "$max_shards" "$vector_fields" > design.toml
cat design.toml
