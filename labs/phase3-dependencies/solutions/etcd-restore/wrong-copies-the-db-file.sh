# Plausible wrong answer: "backs up" by copying etcd's live database file instead
# of taking a snapshot, and forces the restore past the missing checksum.
set -euo pipefail
mkdir -p backup
docker compose cp etcd:/etcd/member/snap/db backup/meta.db
bash lose-etcd.sh
RESTORE_FLAGS=--skip-hash-check source "$SOLUTION_DIR/restore.sh"
