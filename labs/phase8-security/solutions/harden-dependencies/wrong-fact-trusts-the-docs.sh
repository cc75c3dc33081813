# Plausible wrong answer: the actions are right, but the answers name the
# switches of the current docs (2.6), which this version does not have. Runs
# on the solved lab: it only rewrites answers.toml.
set -euo pipefail
printf 'expr_switch = "common.security.exprEnabled"\netcd_user_auth_switch = "etcd.auth.enabled"\n' > answers.toml
