//! Phase 10 of the course: monitoring and troubleshooting. The labs run
//! Prometheus beside the Compose stack and read what it, promtool and
//! Milvus' own log say.

mod alert_rules;
mod dashboard;
mod drills;
mod log_level;
mod scrape;

use std::time::{Duration, Instant};

use anyhow::Result;
use lab_framework::probes::{CollectionSpec, Milvus};
use lab_framework::{Lab, LabContext};
use serde_json::json;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![
        &scrape::Scrape,
        &alert_rules::AlertRules,
        &log_level::LogLevel,
        &dashboard::Dashboard,
        &drills::keys_rotated::KeysRotated,
        &drills::etcd_stall::EtcdStall,
        &drills::frozen_and_unloaded::FrozenAndUnloaded,
        &drills::index_never_builds::IndexNeverBuilds,
        &drills::wrong_root::WrongRoot,
    ]
}

/// What the labs' load searches: 8-dimensional vectors with integer keys.
const DOCS: CollectionSpec =
    CollectionSpec { name: "docs", primary_key: "id", vector_field: "vector", dimension: 8, scalar_fields: &[] };

/// Makes `docs` with 200 rows, flushed and loaded, unless it exists; says
/// whether it made it.
fn seed_docs(milvus: &Milvus) -> Result<bool> {
    if milvus.has_collection(DOCS.name)? {
        return Ok(false);
    }
    milvus.create_collection(&DOCS)?;
    insert_docs(milvus, 0..200)?;
    milvus.flush(&[DOCS.name])?;
    Ok(true)
}

/// Rows of `docs` with the keys `ids`.
fn insert_docs(milvus: &Milvus, ids: std::ops::Range<i64>) -> Result<()> {
    let rows = ids.map(|id| json!({"id": id, "vector": docs_vector(id)})).collect();
    milvus.insert_rows(DOCS.name, rows)?;
    Ok(())
}

/// A vector of `docs`, also a query vector.
fn docs_vector(id: i64) -> Vec<f32> {
    (0..8).map(|i| ((id * 8 + i) % 17) as f32 / 17.0).collect()
}

/// Searches `docs` in bursts of 20 until `enough` holds or `limit` passes:
/// the load a check makes so Prometheus has requests to count.
fn search_docs_until(ctx: &LabContext, limit: Duration, mut enough: impl FnMut() -> Result<bool>) -> Result<()> {
    let milvus = ctx.milvus()?;
    let deadline = Instant::now() + limit;
    let mut round = 0;
    loop {
        for _ in 0..20 {
            round += 1;
            milvus.search_many_bounded(DOCS.name, DOCS.vector_field, vec![docs_vector(round % 200)], 5)?;
        }
        if enough()? || Instant::now() > deadline {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}
