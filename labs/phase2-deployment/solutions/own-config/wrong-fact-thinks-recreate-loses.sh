# Plausible wrong answer: does everything, but records that a recreated
# container lost the unflushed rows, as if the log lived in the container.
# Runs on the solved lab: it only rewrites volume.toml.
set -euo pipefail
sed -i 's/^drafts_after_recreate = .*/drafts_after_recreate = 0/' volume.toml
