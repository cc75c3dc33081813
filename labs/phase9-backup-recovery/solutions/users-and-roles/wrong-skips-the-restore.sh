# Plausible wrong answer: a good snapshot, and the loss, but the snapshot is
# never restored: a backup nobody restores brings nothing back.
set -euo pipefail
source "$SOLUTION_DIR/snapshot.sh"
python lose-users.py
