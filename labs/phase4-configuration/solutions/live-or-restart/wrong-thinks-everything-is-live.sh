# Plausible wrong answer: applies both changes, sees them take effect, and
# concludes that every setting in etcd is live.
set -euo pipefail
source "$SOLUTION_DIR/apply.sh"
REST=live source "$SOLUTION_DIR/classify.sh"
