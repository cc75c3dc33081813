# Plausible wrong answer: restarts everything the right way, but names the
# proxy, the restart clients notice first (refused connections), as the one
# that cost short results. Runs on the solved lab: it only rewrites
# answers.toml. In a run whose record does blame the proxy, it names the
# query nodes instead, so that it stays wrong.
set -euo pipefail
blamed=proxy
[ "$(python "$SOLUTION_DIR/costly.py")" = proxy ] && blamed=querynode
echo "costly_restart = \"$blamed\"" > answers.toml
