# What the TLS labs' learners type to make certificates, shared by their
# solutions: a CA in ca/ (it stays on the learner's side), the server's
# certificate for $1 with the CA's certificate in tls/ (the folder Milvus
# reads), and with $2 = client a client certificate in client/, signed by
# the same CA or, with CLIENT_CA=other, by a CA of its own.
set -euo pipefail
name=$1
mkdir -p ca tls
ca() { # dir: a self-signed CA certificate and key
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=milvus-labs CA $1" \
        -keyout "$1/ca.key" -out "$1/ca.pem" 2> /dev/null
}
sign() { # key csr pem subject-name extensions, signed by ca/ (or $CA_DIR)
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$4" -keyout "$1" -out "$2" 2> /dev/null
    printf '%s\n' "$5" > "$2.ext"
    openssl x509 -req -in "$2" -CA "${CA_DIR:-ca}/ca.pem" -CAkey "${CA_DIR:-ca}/ca.key" -CAcreateserial \
        -days 30 -extfile "$2.ext" -out "$3" 2> /dev/null
}
ca ca
sign tls/server.key ca/server.csr tls/server.pem "$name" \
    "subjectAltName=DNS:$name
extendedKeyUsage=serverAuth"
cp ca/ca.pem tls/ca.pem
openssl x509 -in tls/server.pem -noout -subject -ext subjectAltName
if [ "${2:-}" = client ]; then
    mkdir -p client
    if [ "${CLIENT_CA:-}" = other ]; then
        mkdir -p other-ca && ca other-ca
        export CA_DIR=other-ca
    fi
    sign client/client.key ca/client.csr client/client.pem analytics-service "extendedKeyUsage=clientAuth"
    openssl x509 -in client/client.pem -noout -subject -issuer
fi
