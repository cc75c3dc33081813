# Reference solution: read the queue and its retention off the live deployment.
source "$SOLUTION_DIR/../shared/mq-findings.sh"
