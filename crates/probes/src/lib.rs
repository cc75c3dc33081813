//! Probes read live state for checks and readiness: today the Milvus gRPC API.
//!
//! Probes are blocking on purpose: lab checks are short sequential scripts, and
//! a blocking API keeps every lab free of async plumbing.

mod milvus;

pub use milvus::{Capability, CollectionSpec, CollectionSummary, FieldSummary, Milvus, ScalarKind};
