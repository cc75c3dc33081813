# Plausible wrong answer: batches too big (17,000 rows, about 70 MB), and a
# loader that catches the refusal and carries on: 3,000 rows arrive, no error.
set -euo pipefail
printf 'server_max_recv_bytes = 67108864\n' > limits.toml
cp "$SOLUTION_DIR/load.py" load.py
BATCH=17000 SKIP_FAILED=1 python load.py
