# Plausible wrong answer: takes the retention from milvus.yaml's defaults (3
# days, 8 GB), which this deployment's environment overrides.
MINUTES_OVERRIDE=4320 MB_OVERRIDE=8192 SURVIVES_OVERRIDE=34 source "$SOLUTION_DIR/../shared/mq-findings.sh"
