# Plausible wrong answer: hardened as the solution does, then the keys are
# rotated again on the object store only, restarting only the store. Milvus
# keeps the old keys and still answers queries from memory; only its next
# write shows the mistake.
set -euo pipefail
bash "$SOLUTION_DIR/solve.sh"
export OBJECT_STORE_ACCESS_KEY=milvus-$(openssl rand -hex 4) OBJECT_STORE_SECRET_KEY=$(openssl rand -hex 20)
# Every other variable as the solution exported it, so only the store changes.
export ETCD_TLS_DIR=$PWD/etcd-tls ETCD_SCHEME=https MILVUS_ETCD_SSL=true
export ETCD_TRUSTED_CA_FILE=/etcd-tls/ca.pem ETCD_CLIENT_CERT_AUTH=true
docker compose up --detach --wait minio
printf 'object_store_access_key = "%s"\nobject_store_secret_key = "%s"\n' \
    "$OBJECT_STORE_ACCESS_KEY" "$OBJECT_STORE_SECRET_KEY" > secrets.toml
