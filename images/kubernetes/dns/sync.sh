#!/bin/bash
# Cluster DNS without CoreDNS (which no reachable package index carries):
# dnsmasq answers from a hosts folder (--hostsdir, re-read on change), and this
# loop writes that folder's one file from the API server's Services and
# Endpoints every INTERVAL seconds (1). Records, as CoreDNS would serve them:
#   <service>.<namespace>.svc.cluster.local        its cluster IP
#   the same name of a headless service            each ready endpoint's IP
#   <hostname>.<service>.<namespace>.svc.cluster.local   a StatefulSet pod's IP
set -u
domain=${CLUSTER_DOMAIN:-cluster.local}
hosts=${HOSTS_DIR:-/dns/hosts}
scratch=${SCRATCH_DIR:-/dns/tmp}
mkdir -p "$hosts" "$scratch"
account=/var/run/secrets/kubernetes.io/serviceaccount
kube=(kubectl --server="https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT"
    --token="$(cat $account/token)" --certificate-authority=$account/ca.crt)
# One line per fact: S namespace name clusterIP | H namespace name | E namespace name ip hostname
template='{{range .items}}{{if eq .kind "Service"}}{{if eq .spec.type "ExternalName"}}{{else if eq .spec.clusterIP "None"}}H {{.metadata.namespace}} {{.metadata.name}}{{"\n"}}{{else}}S {{.metadata.namespace}} {{.metadata.name}} {{.spec.clusterIP}}{{"\n"}}{{end}}{{else}}{{$ns := .metadata.namespace}}{{$name := .metadata.name}}{{range .subsets}}{{range .addresses}}E {{$ns}} {{$name}} {{.ip}} {{or .hostname "-"}}{{"\n"}}{{end}}{{end}}{{end}}{{end}}'
last=""
while true; do
    if facts=$("${kube[@]}" get services,endpoints --all-namespaces -o go-template="$template" 2> "$scratch/error"); then
        records=$(awk -v d="$domain" '
            $1 == "S" { print $4, $3 "." $2 ".svc." d }
            $1 == "H" { headless[$2 " " $3] = 1 }
            $1 == "E" { endpoint[++n] = $0 }
            END {
                for (i = 1; i <= n; i++) {
                    split(endpoint[i], f, " ")
                    if ((f[2] " " f[3]) in headless) print f[4], f[3] "." f[2] ".svc." d
                    if (f[5] != "-") print f[4], f[5] "." f[3] "." f[2] ".svc." d
                }
            }' <<< "$facts" | sort -u)
        if [ "$records" != "$last" ]; then
            echo "$records" > "$scratch/cluster.hosts" && mv "$scratch/cluster.hosts" "$hosts/cluster.hosts"
            last=$records
            echo "$(date -u +%T) $(grep -c . <<< "$records") records"
        fi
    else
        echo "$(date -u +%T) kubectl failed: $(head -c 300 "$scratch/error")"
    fi
    sleep "${INTERVAL:-1}"
done
