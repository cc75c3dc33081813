# Plausible wrong answer: counts the objects under the Helm chart's root path
# (file/) from the docs instead of this stack's files/, and finds none. Runs on
# the solved lab: it only rewrites trail.toml.
set -euo pipefail
sed -i 's/^insert_log_objects = .*/insert_log_objects = 0/' trail.toml
