# Plausible wrong answer: etcd speaks TLS with its certificate and key, but
# trusts no CA for clients, so it accepts anyone who completes a handshake:
# encryption without knowing who connects.
set -euo pipefail
CLIENT_CERTIFICATES_ANSWER=none bash "$SOLUTION_DIR/solve.sh"
