# Plausible wrong answer: the right restart, and the newer docs' switch named
# as the one that did it.
set -euo pipefail
sed -i 's/^switch = .*/switch = "mmap.enabled"/' memory.toml
