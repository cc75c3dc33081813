# Reference solution: restart every Milvus process one at a time under
# traffic (roll.sh's roll_in_order), then name the restart that cost short
# results.
set -euo pipefail
source "$SOLUTION_DIR/roll.sh"
start_traffic
roll_in_order
stop_traffic
echo 'costly_restart = "querynode"' > answers.toml
