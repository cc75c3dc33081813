//! End-to-end tests of the `cargo xtask` binary.
