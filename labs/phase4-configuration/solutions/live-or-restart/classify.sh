# The classification as measured on this version; AUTH and REST let a wrong
# answer say otherwise for authorization and for the start-only keys.
cat > reload.toml <<ANSWERS
[reload]
"proxy.minPasswordLength" = "live"
"common.security.authorizationEnabled" = "${AUTH:-live}"
"proxy.maxDimension" = "live"
"quotaAndLimits.limitWriting.forceDeny" = "live"
"dataCoord.segment.maxSize" = "live"
"proxy.grpc.serverMaxRecvSize" = "${REST:-restart}"
"quotaAndLimits.dml.enabled" = "${REST:-restart}"
ANSWERS
cat reload.toml
