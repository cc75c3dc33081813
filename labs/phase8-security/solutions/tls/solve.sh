# Reference solution: a CA, a server certificate for localhost signed by it,
# Milvus restarted with tlsMode 1 and the folder mounted; then connect.
set -euo pipefail
name=${SERVER_NAME_ANSWER:-localhost}
mkdir -p ca tls
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=milvus-labs CA" \
    -keyout ca/ca.key -out ca/ca.pem 2> /dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=$name" \
    -keyout tls/server.key -out ca/server.csr 2> /dev/null
printf 'subjectAltName=DNS:%s\n' "$name" > ca/san.cnf
openssl x509 -req -in ca/server.csr -CA ca/ca.pem -CAkey ca/ca.key -CAcreateserial -days 30 \
    -extfile ca/san.cnf -out tls/server.pem
cp ca/ca.pem tls/ca.pem
openssl x509 -in tls/server.pem -noout -subject -ext subjectAltName
export TLS_DIR=$PWD/tls TLS_MODE=${TLS_MODE_ANSWER:-1}
docker compose up --detach --wait standalone
export MILVUS_URI="http://$(docker compose port standalone 19530)"
python connect.py plain
python connect.py
