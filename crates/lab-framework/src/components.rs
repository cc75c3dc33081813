//! What each box of the book's architecture diagram is: what it does, where
//! its metrics are, and what a learner sees when it fails. Labs name the boxes
//! they exercise (`LabMeta::components`); the book joins the two.
//!
//! Metric names were read from 2.3.5's `/metrics` after an insert, a flush, an
//! index build and a search (only metrics with samples are listed there).
//! Every failure's text is the server's own, as the labs meet it: a repository
//! test finds each one in the labs or the version module.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Component {
    /// The box's id in `content/architecture.md`.
    pub id: &'static str,
    pub name: &'static str,
    pub does: &'static str,
    pub metrics_endpoint: &'static str,
    pub metrics: &'static [&'static str],
    pub failures: &'static [Failure],
    /// Boxes whose labs count for this one too (MixCoord does the three
    /// coordinators' work).
    pub stands_for: &'static [&'static str],
}

/// A symptom, and the server's words for it.
#[derive(Debug, Serialize)]
pub struct Failure {
    pub symptom: &'static str,
    pub says: &'static str,
}

/// Where Milvus' own metrics are, on every Milvus process.
const MILVUS_METRICS: &str =
    "http://<host>:9091/metrics; Standalone serves every component's metrics there, a cluster one port per process";

const ROOTCOORD_METRICS: &[&str] = &[
    "milvus_rootcoord_collection_num",
    "milvus_rootcoord_ddl_req_count",
    "milvus_rootcoord_proxy_num",
    "milvus_rootcoord_quota_states",
];
const QUERYCOORD_METRICS: &[&str] = &[
    "milvus_querycoord_querynode_num",
    "milvus_querycoord_collection_num",
    "milvus_querycoord_load_latency_bucket",
    "milvus_querycoord_task_num",
];
const DATACOORD_METRICS: &[&str] = &[
    "milvus_datacoord_segment_num",
    "milvus_datacoord_stored_rows_num",
    "milvus_datacoord_consume_datanode_tt_lag_ms",
    "milvus_datacoord_index_task_count",
];

const WRITES_DENIED: Failure = Failure {
    symptom: "every insert and delete is refused after a maintenance window",
    says: "quota exceeded[reason=the writing has been deactivated by the administrator]",
};
const NOT_LOADED: Failure =
    Failure { symptom: "searches and queries fail on a released collection", says: "collection not loaded" };
const ETCD_FULL: Failure = Failure {
    symptom: "DDL and writes fail once etcd reaches its quota",
    says: "etcdserver: mvcc: database space exceeded",
};

pub const COMPONENTS: &[Component] = &[
    Component {
        id: "sdk",
        name: "Client SDK",
        does: "Your code: pymilvus' MilvusClient speaks gRPC to the Proxy on port 19530, or opens a Milvus Lite \
               file. A token or user and password travel with every call.",
        metrics_endpoint: "none: the client has no metrics; the Proxy counts its calls",
        metrics: &[],
        failures: &[Failure {
            symptom: "a call with a wrong password, authentication on",
            says: "auth check failure, please check username and password are correct",
        }],
        stands_for: &[],
    },
    Component {
        id: "proxy",
        name: "Proxy",
        does: "The one address clients use: checks requests against the schema, authenticates and authorizes, \
               applies rate limits, writes DML to the shards' channels and merges search results. Port 9091 \
               also serves /healthz and the log-level API.",
        metrics_endpoint: MILVUS_METRICS,
        metrics: &[
            "milvus_proxy_req_count",
            "milvus_proxy_sq_latency_bucket",
            "milvus_proxy_mutation_latency_bucket",
            "milvus_proxy_tt_lag_ms",
        ],
        failures: &[
            Failure {
                symptom: "a client without credentials, authentication on",
                says: "missing authorization in header",
            },
            Failure { symptom: "a user whose role lacks a privilege", says: "permission deny to" },
            Failure {
                symptom: "bursts of inserts over the configured rate",
                says: "request is rejected by grpc RateLimiter middleware, please retry later",
            },
        ],
        stands_for: &[],
    },
    Component {
        id: "rootcoord",
        name: "RootCoord",
        does: "DDL (collections, partitions, aliases), users and roles, IDs and timestamps (the TSO). Its quota \
               center decides when writes and reads are refused.",
        metrics_endpoint: MILVUS_METRICS,
        metrics: ROOTCOORD_METRICS,
        failures: &[WRITES_DENIED, ETCD_FULL],
        stands_for: &[],
    },
    Component {
        id: "querycoord",
        name: "QueryCoord",
        does: "Load and release: which Query Nodes hold which segments and lead which shards, and balancing \
               when nodes come and go.",
        metrics_endpoint: MILVUS_METRICS,
        metrics: QUERYCOORD_METRICS,
        failures: &[NOT_LOADED],
        stands_for: &[],
    },
    Component {
        id: "datacoord",
        name: "DataCoord",
        does: "Segments and their states (growing, sealed, flushed), flush, compaction and garbage collection of \
               the bucket; since 2.3 it also schedules index builds.",
        metrics_endpoint: MILVUS_METRICS,
        metrics: DATACOORD_METRICS,
        failures: &[],
        stands_for: &[],
    },
    Component {
        id: "indexcoord",
        name: "IndexCoord",
        does: "In 2.3 a session name only: DataCoord does the index coordination and registers this session \
               itself (measured on 2.3.5).",
        metrics_endpoint: MILVUS_METRICS,
        metrics: &["milvus_datacoord_index_task_count"],
        failures: &[],
        stands_for: &[],
    },
    Component {
        id: "mixcoord",
        name: "MixCoord",
        does: "RootCoord, QueryCoord and DataCoord in one process: the only coordinator in 2.6, optional before. \
               Their metrics keep their names.",
        metrics_endpoint: MILVUS_METRICS,
        metrics: &[
            "milvus_rootcoord_collection_num",
            "milvus_querycoord_querynode_num",
            "milvus_datacoord_segment_num",
        ],
        failures: &[WRITES_DENIED, NOT_LOADED],
        stands_for: &["rootcoord", "querycoord", "datacoord"],
    },
    Component {
        id: "querynode",
        name: "Query Node",
        does: "Holds loaded segments in memory (or mapped from disk), consumes growing data from the log, and runs \
               searches and queries; its memory is the cluster's memory bill.",
        metrics_endpoint: MILVUS_METRICS,
        metrics: &[
            "milvus_querynode_segment_num",
            "milvus_querynode_entity_num",
            "milvus_querynode_sq_req_latency_bucket",
            "milvus_querynode_consume_tt_lag_ms",
            "process_resident_memory_bytes",
        ],
        failures: &[NOT_LOADED],
        stands_for: &[],
    },
    Component {
        id: "datanode",
        name: "Data Node",
        does: "Consumes the shards' DML channels, buffers growing segments, writes binlogs to the bucket on flush, \
               and compacts.",
        metrics_endpoint: MILVUS_METRICS,
        metrics: &[
            "milvus_datanode_flushed_data_size",
            "milvus_datanode_consume_tt_lag_ms",
            "milvus_datanode_flush_buffer_op_count",
        ],
        failures: &[
            Failure {
                symptom: "the bucket refuses the keys Milvus writes with: the Data Node quits, and Standalone with it",
                says: "flush pack with error, DataNode quit now",
            },
            Failure {
                symptom: "the same, in the object store's words",
                says: "The AWS Access Key Id you provided does not exist in our records.",
            },
        ],
        stands_for: &[],
    },
    Component {
        id: "indexnode",
        name: "Index Node",
        does: "Reads a sealed segment's binlogs, builds its index and uploads the index files.",
        metrics_endpoint: MILVUS_METRICS,
        metrics: &[
            "milvus_indexnode_index_task_count",
            "milvus_indexnode_build_index_latency_bucket",
            "milvus_indexnode_knowhere_build_index_latency_bucket",
        ],
        failures: &[Failure {
            symptom: "an index that stays InProgress and is retried every few seconds",
            says: "failed to build index",
        }],
        stands_for: &[],
    },
    Component {
        id: "streamingnode",
        name: "Streaming Node",
        does: "2.6: owns each shard's write-ahead log, assigns rows to growing segments, serves growing data through \
               an embedded delegator, and flushes.",
        metrics_endpoint: MILVUS_METRICS,
        metrics: &[],
        failures: &[],
        stands_for: &["wal"],
    },
    Component {
        id: "etcd",
        name: "etcd",
        does: "Milvus' metadata under by-dev/meta/ (schemas, segments, index meta, users) and the sessions under \
               by-dev/meta/session/: every process holds a lease there and quits when it loses it.",
        metrics_endpoint: "etcd's own http://<host>:2379/metrics",
        metrics: &[
            "etcd_mvcc_db_total_size_in_bytes",
            "etcd_server_has_leader",
            "etcd_disk_wal_fsync_duration_seconds_bucket",
        ],
        failures: &[
            ETCD_FULL,
            Failure {
                symptom: "etcd stalls longer than the session TTL: every Milvus process exits",
                says: "lease not found",
            },
        ],
        stands_for: &[],
    },
    Component {
        id: "objectstorage",
        name: "Object storage",
        does: "The durable copy under the root path: insert_log/, delta_log/, stats_log/ and index_files/. MinIO or \
               S3; nothing in etcd is useful without it.",
        metrics_endpoint: "MinIO's own http://<host>:9000/minio/v2/metrics/cluster (the offline stand-in has none)",
        metrics: &[],
        failures: &[
            Failure { symptom: "Milvus started with a wrong address for the store", says: "connection refused" },
            Failure {
                symptom: "keys rotated on the store only",
                says: "The AWS Access Key Id you provided does not exist in our records.",
            },
        ],
        stands_for: &[],
    },
    Component {
        id: "wal",
        name: "Message queue / WAL",
        does: "The log: every insert and delete, shard by shard, with the time ticks; after a crash the nodes \
               replay it from their checkpoints. rocksmq inside Standalone, Pulsar or Kafka in a cluster, \
               Woodpecker in 2.6.",
        metrics_endpoint: MILVUS_METRICS,
        metrics: &["milvus_msgstream_op_count", "milvus_msg_queue_consumer_num"],
        failures: &[],
        stands_for: &[],
    },
];

pub fn find(id: &str) -> Option<&'static Component> {
    COMPONENTS.iter().find(|component| component.id == id)
}
