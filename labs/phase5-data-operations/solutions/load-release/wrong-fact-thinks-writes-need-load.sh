# Plausible wrong answer: the right actions, and the belief that every
# operation on a released collection fails, writes included. Runs on the
# solved lab: it only rewrites memory.toml.
set -euo pipefail
sed -i 's/^needs_load = .*/needs_load = ["count", "delete_by_id", "get", "insert", "query", "search"]/' memory.toml
