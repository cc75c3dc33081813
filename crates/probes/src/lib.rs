//! Probes read live state for checks and readiness: the Milvus gRPC API,
//! Milvus' HTTP endpoints (`/healthz`, `/metrics`), etcd, object storage, a
//! server process's memory, the proxy's access log, and Prometheus' API.
//!
//! Probes are blocking on purpose: lab checks are short sequential scripts, and
//! a blocking API keeps every lab free of async plumbing.

mod access_log;
mod etcd;
mod http;
mod milvus;
mod object_store;
mod process;
mod prometheus;
mod tls;

pub use ::milvus::v2::types::FieldData;
pub use access_log::{AccessEntry, access_entries};
pub use etcd::{Etcd, EtcdMember, EtcdStatus, EtcdTls, etcd_snapshot_verdict};
pub use http::{HttpResponse, get, healthz_ok, histogram_quantile, log_level, metric_sum};
pub use milvus::{
    Capability, CollectionSpec, CollectionSummary, FieldSummary, ImportTask, IndexSummary, Milvus, ScalarKind, Tls,
};
pub use object_store::ObjectStore;
pub use process::{FileMapping, ProcessMemory, file_mappings};
pub use prometheus::{Prometheus, Sample, Series, Target};
pub use tls::tls_handshake;
