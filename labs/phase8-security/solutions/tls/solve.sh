# Reference solution: a CA, a server certificate for localhost signed by it,
# Milvus restarted with tlsMode 1 and the folder mounted; then connect.
set -euo pipefail
bash "$SOLUTION_DIR/../certificates.sh" "${SERVER_NAME_ANSWER:-localhost}"
export TLS_DIR=$PWD/tls TLS_MODE=${TLS_MODE_ANSWER:-1}
docker compose up --detach --wait standalone
export MILVUS_URI="http://$(docker compose port standalone 19530)"
python connect.py plain
python connect.py
