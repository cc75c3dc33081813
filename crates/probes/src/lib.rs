//! Probes read live state for checks and readiness: the Milvus gRPC API,
//! Milvus' HTTP endpoints (`/healthz`, `/metrics`) and etcd.
//!
//! Probes are blocking on purpose: lab checks are short sequential scripts, and
//! a blocking API keeps every lab free of async plumbing.

mod etcd;
mod http;
mod milvus;

pub use etcd::Etcd;
pub use http::{HttpResponse, get};
pub use milvus::{Capability, CollectionSpec, CollectionSummary, FieldSummary, Milvus, ScalarKind};
