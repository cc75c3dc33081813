# Plausible wrong answer: restarts everything the right way, but names the
# proxy, the restart clients notice first, as the one that cost short
# results. Runs on the solved lab: it only rewrites answers.toml.
set -euo pipefail
echo 'costly_restart = "proxy"' > answers.toml
