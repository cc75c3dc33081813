#!/bin/bash
# The node's entrypoint: a whole single-node Kubernetes 1.20 in this container,
# kind-style but without --privileged (the machines this course runs on lack
# CAP_SYS_RESOURCE, so privileged containers fail). In order: a Docker daemon
# for the pods, etcd, the control plane, the images the labs use, the kubelet
# (patched: images/kubernetes/kubelet-in-a-node-container.patch), kube-proxy,
# and cluster DNS. Logs: /var/log/node/*.log; progress: /var/log/node/start.log.
#
# Environment (set by the fixture):
#   NODE_CGROUP    the cgroup every pod runs under (one per node: the host's
#                  /sys/fs/cgroup is shared, and teardown removes it by name)
#   NODE_TOKEN     the bearer token of the cluster's admin user
set -u
logs=/var/log/node
mkdir -p "$logs" /var/lib/node /etc/kubernetes/pki
note() { echo "$(date -u +%T.%3N) $*" >> "$logs/start.log"; }
k=/etc/kubernetes
cgroup=${NODE_CGROUP:?NODE_CGROUP names the pods cgroup}

[ -s /etc/machine-id ] || tr -d - < /proc/sys/kernel/random/uuid > /etc/machine-id
for hierarchy in /sys/fs/cgroup/*/; do
    [ -L "${hierarchy%/}" ] && continue
    mkdir -p "$hierarchy$cgroup" "$hierarchy$cgroup-docker" 2> /dev/null
done
# A new cpuset cgroup starts with no CPUs: give it the parent's.
for child in "$cgroup" "$cgroup-docker"; do
    if [ -d "/sys/fs/cgroup/cpuset/$child" ]; then
        cat /sys/fs/cgroup/cpuset/cpuset.cpus > "/sys/fs/cgroup/cpuset/$child/cpuset.cpus"
        cat /sys/fs/cgroup/cpuset/cpuset.mems > "/sys/fs/cgroup/cpuset/$child/cpuset.mems"
    fi
done
ip=$(ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1)
note "address $ip"

dockerd --host=unix:///var/run/docker.sock --bip=10.244.0.1/24 --cgroup-parent="/$cgroup-docker" \
    > "$logs/dockerd.log" 2>&1 &
etcd --name node --data-dir /var/lib/node/etcd \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster node=http://127.0.0.1:2380 > "$logs/etcd.log" 2>&1 &

[ -s $k/sa.key ] || openssl genrsa -out $k/sa.key 2048 2> /dev/null
openssl rsa -in $k/sa.key -pubout -out $k/sa.pub 2> /dev/null
echo "${NODE_TOKEN:?NODE_TOKEN is the admin token},admin,admin,system:masters" > $k/tokens.csv
cat > $k/kubeconfig <<KUBECONFIG
apiVersion: v1
kind: Config
clusters: [{name: node, cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: "$NODE_TOKEN"}}]
contexts: [{name: node, context: {cluster: node, user: admin}}]
current-context: node
KUBECONFIG
export KUBECONFIG=$k/kubeconfig

kube-apiserver --etcd-servers=http://127.0.0.1:2379 --bind-address=0.0.0.0 --advertise-address="$ip" \
    --secure-port=6443 --insecure-port=0 --cert-dir=$k/pki --token-auth-file=$k/tokens.csv \
    --authorization-mode=Node,RBAC --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file=$k/sa.pub --service-account-signing-key-file=$k/sa.key \
    --service-cluster-ip-range=10.96.0.0/16 --service-node-port-range=30000-32767 \
    --allow-privileged=true --kubelet-preferred-address-types=Hostname,InternalIP \
    > "$logs/apiserver.log" 2>&1 &
until kubectl get --raw /readyz > /dev/null 2>&1; do sleep 0.3; done
note "apiserver ready"
kube-controller-manager --kubeconfig=$k/kubeconfig --authentication-kubeconfig=$k/kubeconfig \
    --authorization-kubeconfig=$k/kubeconfig --service-account-private-key-file=$k/sa.key \
    --root-ca-file=$k/pki/apiserver.crt --use-service-account-credentials=true \
    --bind-address=127.0.0.1 --secure-port=10257 --port=0 \
    --controllers='*,-nodeipam,-cloud-node-lifecycle' --leader-elect=false > "$logs/controller-manager.log" 2>&1 &
kube-scheduler --kubeconfig=$k/kubeconfig --authentication-kubeconfig=$k/kubeconfig \
    --authorization-kubeconfig=$k/kubeconfig --bind-address=127.0.0.1 --secure-port=10259 --port=0 \
    --leader-elect=false > "$logs/scheduler.log" 2>&1 &

until docker info > /dev/null 2>&1; do sleep 0.3; done
note "dockerd ready"
# The images volume may come from an earlier node: drop its containers, and
# load the images only when the archive differs from the one loaded then.
docker ps -aq | xargs -r docker rm -f > /dev/null 2>&1
archive=/node-images/images.tar
loaded=/var/lib/docker/node-images.loaded
if [ -f $archive ]; then
    stamp=$(stat -c '%s %Y' $archive)
    if [ "$(cat $loaded 2> /dev/null)" != "$stamp" ]; then
        docker load -i $archive >> "$logs/load.log" 2>&1 && echo "$stamp" > $loaded
        note "images loaded"
    else
        note "images already loaded"
    fi
fi

kubelet --kubeconfig=$k/kubeconfig --container-runtime=docker --docker-endpoint=unix:///var/run/docker.sock \
    --pod-infra-container-image=milvus-labs/k8s-pause:3.2-offline --cgroup-driver=cgroupfs \
    --cgroup-root="/$cgroup" --fail-swap-on=false --root-dir=/var/lib/kubelet \
    --hostname-override=node --node-ip="$ip" --port=10250 --read-only-port=0 \
    --healthz-bind-address=127.0.0.1 --image-gc-high-threshold=100 --image-gc-low-threshold=99 \
    --eviction-hard='memory.available<100Mi,nodefs.available<1%,imagefs.available<1%' \
    --cluster-dns=10.96.0.10 --cluster-domain=cluster.local --resolv-conf=/etc/node-resolv.conf \
    > "$logs/kubelet.log" 2>&1 &
kube-proxy --kubeconfig=$k/kubeconfig --hostname-override=node --proxy-mode=iptables \
    --conntrack-max-per-core=0 --cluster-cidr=10.244.0.0/24 --bind-address="$ip" \
    --metrics-bind-address=127.0.0.1:10249 --healthz-bind-address=127.0.0.1:10256 \
    > "$logs/kube-proxy.log" 2>&1 &
# The kube-system namespace appears a moment after the API server is ready.
for _ in $(seq 60); do
    kubectl apply -f /etc/kubernetes/addons/ >> "$logs/addons.log" 2>&1 && break
    sleep 1
done
note "started"
exec sleep infinity
