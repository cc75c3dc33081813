# Plausible wrong answer: backs up and upgrades with the new image alone, the
# way a minor release is upgraded. The new version starts on an empty message
# log of its own: deleted rows come back and unflushed ones are gone, while
# everything looks healthy.
set -euo pipefail
source "$SOLUTION_DIR/steps.sh"
folder=$(old_message_log)
back_up
upgrade
printf 'previous_message_log = "%s"\n' "$folder" > answers.toml
