//! Phase 4 of the course: configuration. Where a value comes from
//! (milvus.yaml, the environment, etcd), what changes live, and the settings
//! that matter in production.

mod access_log;
mod config_layers;
mod live_or_restart;
mod message_size;
mod rate_limit;
mod segment_size;
mod write_freeze;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![
        &config_layers::ConfigLayers,
        &live_or_restart::LiveOrRestart,
        &write_freeze::WriteFreeze,
        &rate_limit::RateLimit,
        &segment_size::SegmentSize,
        &message_size::MessageSize,
        &access_log::AccessLog,
    ]
}
