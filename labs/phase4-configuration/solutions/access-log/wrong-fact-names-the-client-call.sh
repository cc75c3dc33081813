# Plausible wrong answer: reads the right line but records the method as the
# client call is named (query), not as the log writes it. Runs on the solved
# lab: it only rewrites access.toml.
set -euo pipefail
sed -i 's/^method = .*/method = "query"/' access.toml
