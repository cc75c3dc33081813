# Plausible wrong answer: runs the window right, but records the refusal as
# older docs quote it instead of the message the server returned. Runs on the
# solved lab: it only rewrites window.toml.
set -euo pipefail
sed -i 's/^write_error = .*/write_error = "access has been disabled by the administrator"/' window.toml
