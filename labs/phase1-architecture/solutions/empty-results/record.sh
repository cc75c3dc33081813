# Records the diagnosis into causes.toml.
cat > causes.toml <<TOML
reviews = "not loaded"
catalog = "no index"
orders = "not visible yet"
TOML
