# Plausible wrong answer: restarts and loads right, but records the segments it
# expected from the arithmetic (20000 / 16131 rounds up to 2) instead of those
# the server lists. Runs on the solved lab: it only rewrites segments.toml.
set -euo pipefail
printf 'flushed_segments = 2\n' > segments.toml
