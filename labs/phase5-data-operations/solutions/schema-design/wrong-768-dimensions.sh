# Plausible wrong answer: 768 dimensions, the size of the BERT-base models
# most tutorials use, instead of the brief's model (384).
set -euo pipefail
DIMENSION=768 python "$SOLUTION_DIR/create_tickets.py"
printf 'max_shards = 16\nvector_fields = 1\n' > design.toml
