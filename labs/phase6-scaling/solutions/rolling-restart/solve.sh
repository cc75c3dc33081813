# Reference solution: restart every Milvus process one at a time under
# traffic (roll.sh's roll_in_order), then name the restart that cost short
# results, read from the record.
set -euo pipefail
source "$SOLUTION_DIR/roll.sh"
start_traffic
roll_in_order
stop_traffic
echo "costly_restart = \"$(python "$SOLUTION_DIR/costly.py")\"" > answers.toml
cat answers.toml
