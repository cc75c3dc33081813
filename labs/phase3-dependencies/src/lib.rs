//! Phase 3 of the course: the dependencies Milvus cannot run without (etcd,
//! object storage, the message queue), and drills that prove nothing is lost
//! when one of them breaks.

mod etcd_nospace;
mod etcd_restore;
mod etcd_sizing;
mod mq_sizing;
mod object_store_down;
mod shared_bucket;

use anyhow::{Context, Result};
use lab_framework::probes::{CollectionSpec, get};
use lab_framework::{Baseline, Instance, Lab, LabContext};
use serde_json::json;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![
        &etcd_sizing::EtcdSizing,
        &etcd_restore::EtcdRestore,
        &etcd_nospace::EtcdNospace,
        &object_store_down::ObjectStoreDown,
        &shared_bucket::SharedBucket,
        &mq_sizing::ROCKSMQ,
        &mq_sizing::KAFKA,
        &mq_sizing::PULSAR,
    ]
}

/// Milvus' `/healthz` as a drill's check reports it: `200 OK` when healthy,
/// else the status and body, or why it did not answer.
fn healthz(ctx: &LabContext) -> Result<String> {
    let http = ctx.fixture.endpoints.http.as_deref().context("the Compose stack has an HTTP endpoint")?;
    Ok(get(&format!("{http}/healthz"), None)
        .map(|r| format!("{} {}", r.status, r.body.trim()))
        .unwrap_or_else(|error| format!("error: {error:#}")))
}

/// The data every Phase 3 lab starts with: (collection, flushed batches of
/// `BATCH` rows). Several segments each, so etcd and the bucket hold something
/// worth measuring, and worth losing.
const SEEDED: &[(&str, i64)] = &[("orders", 3), ("events", 2)];
const BATCH: i64 = 1000;

/// Creates and flushes the seeded collections on `instance`, then records the
/// baseline that drills compare against. Leaves a deployment that already has
/// a baseline as it is (the learner may be halfway through a drill) and says
/// so: `false`.
fn seed_collections(ctx: &LabContext, instance: Instance) -> Result<bool> {
    if Baseline::load(ctx, instance)?.is_some() {
        return Ok(false);
    }
    let milvus = instance.milvus(ctx)?;
    let mut missing = Vec::new();
    for (name, batches) in SEEDED {
        if !milvus.has_collection(name)? {
            let spec =
                CollectionSpec { name, primary_key: "id", vector_field: "vector", dimension: 8, scalar_fields: &[] };
            milvus.create_collection(&spec)?;
            missing.push((*name, *batches));
        }
    }
    let most = missing.iter().map(|(_, batches)| *batches).max().unwrap_or(0);
    for batch in 0..most {
        let names: Vec<&str> = missing.iter().filter(|(_, batches)| batch < *batches).map(|(name, _)| *name).collect();
        for name in &names {
            let rows = (batch * BATCH..(batch + 1) * BATCH)
                .map(|id| json!({"id": id, "vector": (0..8).map(|k| ((id * 8 + k) as f32 * 0.37).sin()).collect::<Vec<_>>()}))
                .collect();
            milvus.insert_rows(name, rows)?;
        }
        // One seal per batch: one sealed segment each.
        milvus.seal(&names)?;
    }
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|(name, _)| *name).collect();
        milvus.flush(&names)?;
    }
    let collections: Vec<(&str, &str)> = SEEDED.iter().map(|(name, _)| (*name, "id")).collect();
    Baseline::record(ctx, instance, &collections)?.save(ctx)?;
    Ok(true)
}
