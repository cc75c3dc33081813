# Reference solution: etcd2 removed from the membership, etcd4 added and
# started with the cluster `member add` printed; quorum of three is two.
set -euo pipefail
source "$SOLUTION_DIR/replace-member.sh"
