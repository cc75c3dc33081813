# Records the diagnosis into causes.toml; REVIEWS and CATALOG override it.
cat > causes.toml <<TOML
reviews = "${REVIEWS:-not loaded}"
catalog = "${CATALOG:-no index}"
orders = "not visible yet"
TOML
