# Plausible wrong answer: frees the space correctly, but records the alarm that
# `etcdctl alarm list` showed instead of the error Milvus' client got, which is
# what a learner sees first and searches for. Runs on the solved lab: it only
# rewrites nospace.toml (with the alarm as etcdctl printed it before the fix).
set -euo pipefail
printf 'error = "%s"\n' "memberID:8e9e05c52164694d alarm:NOSPACE" > nospace.toml
