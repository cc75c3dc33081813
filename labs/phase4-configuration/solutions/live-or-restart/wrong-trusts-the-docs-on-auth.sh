# Plausible wrong answer: believes the docs that authorization needs a restart,
# so it never puts it in etcd, and classifies it as restart.
set -euo pipefail
SKIP_AUTH=1 source "$SOLUTION_DIR/apply.sh"
AUTH=restart source "$SOLUTION_DIR/classify.sh"
