# Plausible wrong answer: the right layout, and the numbers from the current
# documentation (16 partitions by default, 1024 at most) instead of this server.
set -euo pipefail
PYTHONPATH=. python "$SOLUTION_DIR/layout.py"
printf 'saas_partitions = 16\nmax_partitions = 1024\n' > layout.toml
