# Plausible wrong answer: as many shards as the server allows "for speed",
# instead of sizing them from the brief's peak write rate.
set -euo pipefail
SHARDS=16 python "$SOLUTION_DIR/create_tickets.py"
printf 'max_shards = 16\nvector_fields = 1\n' > design.toml
