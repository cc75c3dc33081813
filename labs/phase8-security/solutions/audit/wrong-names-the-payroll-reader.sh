# Plausible wrong answer: the log is on, but the reading takes the last user
# seen on payroll (the payroll service, allowed there) instead of the calls
# the privilege check refused.
set -euo pipefail
READING=last-payroll-caller bash "$SOLUTION_DIR/solve.sh"
