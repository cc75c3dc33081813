# Reference solution: certificates for etcd, new object-store keys on both
# sides, etcd served over TLS to certificate holders only, one restart; then
# the learner's own proofs with curl.
set -euo pipefail
mkdir -p ca etcd-tls
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=etcd CA" \
    -keyout ca/ca.key -out ca/ca.pem 2> /dev/null
sign() { # name extensions: a key and certificate in etcd-tls/, signed by ca/
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "etcd-tls/$1.key" -out "ca/$1.csr" 2> /dev/null
    printf '%s\n' "$2" > "ca/$1.ext"
    openssl x509 -req -in "ca/$1.csr" -CA ca/ca.pem -CAkey ca/ca.key -CAcreateserial -days 30 \
        -extfile "ca/$1.ext" -out "etcd-tls/$1.pem" 2> /dev/null
}
# etcd's certificate names what clients dial: etcd (Milvus), localhost (you),
# 127.0.0.1 (its health check). etcd's own gateway presents it as a client.
sign etcd "subjectAltName=DNS:etcd,DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth,clientAuth"
sign milvus "extendedKeyUsage=clientAuth"
cp ca/ca.pem etcd-tls/ca.pem

if [ "${KEYS_ANSWER:-}" = default ]; then
    access_key=minioadmin secret_key=minioadmin
else
    access_key=milvus-$(openssl rand -hex 4) secret_key=$(openssl rand -hex 20)
fi
# The store's keys and the keys Milvus sends change together.
export OBJECT_STORE_ACCESS_KEY=$access_key OBJECT_STORE_SECRET_KEY=$secret_key
export MINIO_ACCESS_KEY_ID=$access_key MINIO_SECRET_ACCESS_KEY=$secret_key
export ETCD_TLS_DIR=$PWD/etcd-tls ETCD_SCHEME=https MILVUS_ETCD_SSL=true
if [ "${CLIENT_CERTIFICATES_ANSWER:-}" != none ]; then
    export ETCD_TRUSTED_CA_FILE=/etcd-tls/ca.pem ETCD_CLIENT_CERT_AUTH=true
fi
docker compose up --detach --wait
printf 'object_store_access_key = "%s"\nobject_store_secret_key = "%s"\n' "$access_key" "$secret_key" > secrets.toml

etcd_port=$(docker compose port etcd 2379 | cut -d: -f2)
echo "plain:       $(curl -sS -m 5 -X POST "http://127.0.0.1:$etcd_port/v3/kv/range" -d '{"key":"YnktZGV2"}' 2>&1 || true)"
echo "no cert:     $(curl -sS -m 5 --cacert etcd-tls/ca.pem -X POST "https://localhost:$etcd_port/v3/kv/range" -d '{"key":"YnktZGV2"}' 2>&1 || true)"
echo "milvus.pem:  $(curl -sS -m 5 --cacert etcd-tls/ca.pem --cert etcd-tls/milvus.pem --key etcd-tls/milvus.key \
    -X POST "https://localhost:$etcd_port/v3/kv/range" -d '{"key":"YnktZGV2","range_end":"YnktZGY=","count_only":true}')"
echo "/expr:       $(curl -sS -m 5 "http://$(docker compose port standalone 9091)/expr")"

printf 'expr_switch = "none"\netcd_user_auth_switch = "none"\n' > answers.toml
