//! What the drills of every phase share: the data they start with, whose
//! baseline they compare against after breaking something, and how they
//! report Milvus' health.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use probes::{CollectionSpec, get};
use serde_json::json;

use crate::{Assertion, Baseline, Instance, LabContext};

/// Milvus' `/healthz` as a drill's check reports it: `200 OK` when healthy,
/// else the status and body, or why it did not answer.
pub fn healthz(ctx: &LabContext) -> Result<String> {
    let http = ctx.fixture.endpoints.http.as_deref().context("the Compose stack has an HTTP endpoint")?;
    Ok(get(&format!("{http}/healthz"), None)
        .map(|r| format!("{} {}", r.status, r.body.trim()))
        .unwrap_or_else(|error| format!("error: {error:#}")))
}

/// Calls `attempt` every `interval` until `done` holds for what it returned
/// or `limit` has passed, and returns the last result. A check's reads after
/// a restart or failover: Milvus answers before it has caught up, and what
/// is still wrong after `limit` is the check's to report.
pub fn settle<T>(limit: Duration, interval: Duration, mut attempt: impl FnMut() -> T, done: impl Fn(&T) -> bool) -> T {
    let started = Instant::now();
    loop {
        let result = attempt();
        if done(&result) || started.elapsed() >= limit {
            return result;
        }
        std::thread::sleep(interval);
    }
}

/// The data every drill starts with: (collection, flushed batches of
/// `BATCH` rows). Several segments each, so etcd and the bucket hold something
/// worth measuring, and worth losing.
pub const SEEDED: &[(&str, i64)] = &[("orders", 3), ("events", 2)];
const BATCH: i64 = 1000;

/// Creates and flushes the seeded collections on `instance`, then records the
/// baseline that drills compare against. Leaves a deployment that already has
/// a baseline as it is (the learner may be halfway through a drill) and says
/// so: `false`.
pub fn seed_collections(ctx: &LabContext, instance: Instance) -> Result<bool> {
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
            milvus.insert_rows(name, seeded_rows(batch * BATCH..(batch + 1) * BATCH))?;
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

/// Rows like the seeded ones (an `id` and an 8-dimensional `vector`) for `ids`,
/// for a drill that writes more of them.
pub fn seeded_rows(ids: std::ops::Range<i64>) -> Vec<serde_json::Value> {
    ids.map(|id| json!({"id": id, "vector": (0..8).map(|k| ((id * 8 + k) as f32 * 0.37).sin()).collect::<Vec<_>>()}))
        .collect()
}

/// The assertion named `name`: the learner's file `relative` (in the lab's
/// folder) is an etcd snapshot whose trailing SHA-256 matches its database.
pub fn etcd_snapshot_saved(ctx: &LabContext, name: &'static str, relative: &str) -> Assertion {
    let verdict = match std::fs::read(ctx.work_dir.join(relative)) {
        Ok(bytes) => probes::etcd_snapshot_verdict(&bytes),
        Err(error) => Err(format!("cannot read {relative}: {error}")),
    };
    Assertion::that(
        name,
        verdict.is_ok(),
        "a database followed by its SHA-256",
        verdict.unwrap_or_else(|error| error),
        &format!(
            "docker run --rm --network host --user \"$(id -u):$(id -g)\" -v \"$PWD/backup:/backup\" $ETCD_IMAGE \
             etcdctl --endpoints=$ETCDCTL_ENDPOINTS snapshot save /{relative} (a copy of member/snap/db has no checksum)"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settle_stops_at_the_first_result_that_is_done() {
        let mut calls = 0;
        let last = settle(
            Duration::from_secs(5),
            Duration::ZERO,
            || {
                calls += 1;
                calls
            },
            |n| *n == 3,
        );
        assert_eq!((last, calls), (3, 3));
    }

    #[test]
    fn settle_returns_the_last_result_when_time_runs_out() {
        let mut calls = 0;
        let last = settle(
            Duration::ZERO,
            Duration::ZERO,
            || {
                calls += 1;
                calls
            },
            |_| false,
        );
        assert_eq!(last, 1, "one attempt, whatever the limit");
    }
}
