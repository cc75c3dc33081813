# Reference solution: the server's certificate and a client certificate from
# one CA, Milvus restarted with tlsMode 2; then connect with and without it.
set -euo pipefail
bash "$SOLUTION_DIR/../certificates.sh" localhost client
export TLS_DIR=$PWD/tls TLS_MODE=${TLS_MODE_ANSWER:-2}
docker compose up --detach --wait standalone
export MILVUS_URI="http://$(docker compose port standalone 19530)"
python connect.py no-cert
python connect.py
