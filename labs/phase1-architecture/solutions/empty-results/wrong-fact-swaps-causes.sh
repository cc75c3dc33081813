# Plausible wrong answer: fixes all three, but reads both "collection not
# loaded" errors as the same cause and swaps reviews and catalog in the
# answers. Runs on the solved lab: it only rewrites causes.toml.
set -euo pipefail
sed -i 's/^reviews = .*/reviews = "no index"/; s/^catalog = .*/catalog = "not loaded"/' causes.toml
