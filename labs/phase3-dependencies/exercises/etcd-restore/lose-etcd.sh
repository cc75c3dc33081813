# The disaster: etcd's volume is lost. Run it after you have taken your snapshot:
#     bash lose-etcd.sh
# Milvus comes back on an empty etcd, and its collections are gone.
set -euo pipefail
docker compose stop standalone etcd
docker compose rm --force etcd
docker volume rm "${COMPOSE_PROJECT_NAME}_etcd"
docker compose up --detach --wait etcd standalone
