# Plausible wrong answer: finds the refusal with retries off, records it right,
# but keeps that load: the refused batches are gone.
set -euo pipefail
error=$(python load.py --no-retry | tee /dev/stderr | sed -n 's/^batch at [0-9]*: refused: //p' | head -1)
printf 'error = "%s"\nclient_retries = true\n' "$error" > ratelimit.toml
