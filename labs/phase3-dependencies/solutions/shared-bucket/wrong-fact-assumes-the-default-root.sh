# Plausible wrong answer: drops the right collection, but records the second
# instance's root path as the default one from the docs (files) instead of
# listing the bucket. Runs on the solved lab: it only rewrites bucket.toml.
set -euo pipefail
sed -i 's/^second_root = .*/second_root = "files"/' bucket.toml
