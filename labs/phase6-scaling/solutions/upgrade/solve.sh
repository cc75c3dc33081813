# Reference solution: back up, read where the old version keeps its message
# log, and upgrade with that folder given to the new version.
set -euo pipefail
source "$SOLUTION_DIR/steps.sh"
python books.py
folder=$(old_message_log)
back_up
echo "ROCKSMQ_PATH=$folder" >> upgrade.env
upgrade
printf 'previous_message_log = "%s"\n' "$folder" > answers.toml
