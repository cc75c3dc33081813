# Plausible wrong answer: right readings, but the sizing uses the time limit
# alone; at 4 MB/s the size limit deletes messages long before.
SURVIVES_OVERRIDE=1440 source "$SOLUTION_DIR/../shared/mq-findings.sh"
