# Plausible wrong answer: the right schema, and the vector-field limit of the
# current documentation (4, from proxy.maxVectorFieldNum) instead of this
# server's answer.
set -euo pipefail
python "$SOLUTION_DIR/create_tickets.py"
printf 'max_shards = 16\nvector_fields = 4\n' > design.toml
