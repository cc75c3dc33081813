# Plausible wrong answer: takes Kafka's defaults (7 days, no size limit), which
# this deployment's broker overrides.
MINUTES_OVERRIDE=10080 MB_OVERRIDE=0 SURVIVES_OVERRIDE=10080 source "$SOLUTION_DIR/../shared/mq-findings.sh"
