# Reference solution: see the refusal the retries hide, record it, then load
# everything with the retries on (slower, but complete).
set -euo pipefail
error=$(python load.py --no-retry | sed -n 's/^batch at [0-9]*: refused: //p' | head -1)
echo "refused: $error"
python load.py
printf 'error = "%s"\nclient_retries = %s\n' "${ERROR_OVERRIDE:-$error}" "${RETRIES:-true}" > ratelimit.toml
cat ratelimit.toml
