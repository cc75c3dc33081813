# The disaster: the whole stack and all its volumes are gone (a lost host).
# Run it after you have taken your backup:
#     bash lose-everything.sh
set -euo pipefail
docker compose down --volumes --timeout 0
echo "etcd, the bucket and Milvus' volume are gone; restore from backup/"
