# Plausible wrong answer: takes the Helm chart's values (7 days, 8 GB), which
# this deployment's broker overrides.
MINUTES_OVERRIDE=10080 MB_OVERRIDE=8192 SURVIVES_OVERRIDE=34 source "$SOLUTION_DIR/../shared/mq-findings.sh"
