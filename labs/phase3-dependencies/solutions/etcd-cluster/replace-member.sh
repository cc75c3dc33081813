# Loses etcd2 while Milvus serves, then replaces it: member remove, member
# add, and etcd4 started with what `member add` printed. Wrong answers:
# RESTART_ONLY starts etcd2 again; REMOVE_ONLY removes etcd2 and adds no
# member; QUORUM_OF_ALL records that every member must be up.
etcdctl() { docker compose exec -T etcd etcdctl "$@"; }
etcdctl member list -w table
etcdctl endpoint health --cluster
docker compose kill etcd2
python count.py
etcdctl endpoint health --cluster || true
if [ -n "${RESTART_ONLY:-}" ]; then
    docker compose start etcd2
else
    id=$(etcdctl member list | awk -F', ' '$3 == "etcd2" { print $1 }')
    etcdctl member remove "$id"
    if [ -z "${REMOVE_ONLY:-}" ]; then
        # member add prints the new member's ETCD_* settings; etcd4 takes them as ETCD4_*.
        added=$(etcdctl member add etcd4 --peer-urls=http://etcd4:2380)
        echo "$added"
        eval "$(sed -n 's/^ETCD_\(INITIAL_CLUSTER[A-Z_]*\)=/export ETCD4_\1=/p' <<< "$added")"
        docker compose --profile replacement up --detach --wait etcd4
    fi
fi
etcdctl member list -w table
if [ -n "${QUORUM_OF_ALL:-}" ]; then
    printf 'members_for_quorum = 3\nfailures_tolerated = 0\n' > quorum.toml
else
    printf 'members_for_quorum = 2\nfailures_tolerated = 1\n' > quorum.toml
fi
python count.py
