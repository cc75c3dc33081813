# Plausible wrong answer: loads with pymilvus' defaults, sees no error, and
# concludes there is no limit and no retry.
set -euo pipefail
python load.py
printf 'error = "none"\nclient_retries = false\n' > ratelimit.toml
