#!/bin/sh
# The health check of every service whose image has a shell (the official
# etcd image has none, so etcd runs etcdctl directly):
#
#   healthcheck.sh 'CHECK'     CHECK: a shell command that exits 0 when healthy
#
# Every probe is an exec that the Docker daemons run, about 55 ms of their CPU
# (Docker 20.10). A 2 s interval keeps `up --wait` quick, and Docker 20.10 has
# no start_interval to probe fast only while a service starts, so a plain check
# every 2 s costs that for a container's whole life: an idle cluster's probes
# took a fifth of a core. So until the check has passed in this container's
# current run it answers at once; after that, each probe first waits
# HEALTHCHECK_SETTLED_SECONDS (8; 0 probes as plainly as before), and a healthy
# container is probed every interval + 8 s. A failure is still seen within
# that, and it ends the wait until the next pass. The compose files' timeouts
# leave room for the wait.

# Field 22 of /proc/1/stat is when the container's first process started: one
# marker per run, so a restarted container answers at once again.
read -r _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ started _ < /proc/1/stat
marker="/tmp/.milvus-labs-healthy-$started"
if [ -e "$marker" ]; then
    sleep "${HEALTHCHECK_SETTLED_SECONDS:-8}"
fi
if (eval "$1") > /dev/null 2>&1; then
    touch "$marker" 2> /dev/null
    exit 0
fi
rm -f "$marker"
exit 1
