# The pods' sandbox ("pause") container: sleeps until stopped, and stops at once.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ENTRYPOINT ["bash", "-c", "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done"]
