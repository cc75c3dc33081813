//! Load, release and memory: a query node holds what is loaded, and only
//! reads need it. The learner frees the archive, loads one partition, reads
//! the server's own count of loaded rows, and sorts operations by whether
//! they need a loaded collection.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use lab_framework::probes::{CollectionSpec, Milvus, ScalarKind, get, metric_sum};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, answer};
use serde::Deserialize;
use serde_json::json;

pub struct LoadRelease;

// The check's assertions, in report order; the book lists them from `META`.
const ARCHIVE_RELEASED: &str = "orders_archive is released";
const ONLY_CURRENT_YEAR: &str = "orders serves partition y2026 only: y2026 loaded, y2025 not";
const LOADED_ROWS: &str = "the query node holds 3000 rows (milvus_querynode_entity_num)";
const ANSWER_BEFORE: &str = "memory.toml: loaded_rows_before";
const ANSWER_AFTER: &str = "memory.toml: loaded_rows_after";
const ANSWER_NEEDS_LOAD: &str = "memory.toml: needs_load";

static META: LabMeta = LabMeta {
    id: "phase5/load-release",
    title: "Load, release and memory: only what queries need",
    phase: 5,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 20,
    components: &["querycoord", "querynode"],
    // Which operations need a loaded collection is measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::STANDALONE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[ARCHIVE_RELEASED, ONLY_CURRENT_YEAR, LOADED_ROWS, ANSWER_BEFORE, ANSWER_AFTER, ANSWER_NEEDS_LOAD],
};

const ORDERS: CollectionSpec = CollectionSpec {
    name: "orders",
    primary_key: "id",
    vector_field: "v",
    dimension: 8,
    scalar_fields: &[("year", ScalarKind::Int64)],
};
const ARCHIVE: CollectionSpec = CollectionSpec { name: "orders_archive", ..ORDERS };
/// (partition, rows) of `orders`; the archive holds ARCHIVE_ROWS more.
const PARTITIONS: [(&str, i64); 2] = [("y2025", 2000), ("y2026", 3000)];
const ARCHIVE_ROWS: i64 = 4000;
const ENTITY_METRIC: &str = "milvus_querynode_entity_num";

/// `memory.toml`: what the learner read and found.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Memory {
    loaded_rows_before: u64,
    loaded_rows_after: u64,
    /// The operations that answered `collection not loaded` on a released collection.
    needs_load: BTreeSet<String>,
}

fn rows(ids: std::ops::Range<i64>, year: i64) -> Vec<serde_json::Value> {
    ids.map(|id| {
        let vector: Vec<f32> = (0..8).map(|k| ((id as f32) * 0.29 + k as f32).sin()).collect();
        json!({"id": id, "v": vector, "year": year})
    })
    .collect()
}

impl Lab for LoadRelease {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let milvus = ctx.milvus()?;
        if milvus.has_collection(ARCHIVE.name)? {
            return Ok(());
        }
        milvus.create_collection(&ORDERS)?;
        let mut start = 0;
        for (partition, count) in PARTITIONS {
            milvus.create_partition(ORDERS.name, partition)?;
            let year = partition.trim_start_matches('y').parse().context("a partition is named y<year>")?;
            milvus.insert_rows_into(ORDERS.name, partition, rows(start..start + count, year))?;
            start += count;
        }
        milvus.create_collection(&ARCHIVE)?;
        milvus.insert_rows(ARCHIVE.name, rows(0..ARCHIVE_ROWS, 2020))?;
        milvus.flush(&[ORDERS.name, ARCHIVE.name])?;
        // Reload, so the query node holds the flushed segments the metric counts.
        for name in [ORDERS.name, ARCHIVE.name] {
            milvus.release_collection(name)?;
            milvus.load_collection(name)?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let loaded_rows = loaded_rows(ctx)?;
        let memory = ctx.answers::<Memory>("memory.toml");
        let needs_load: BTreeSet<String> = ctx
            .fixture
            .version
            .needs_loaded_collection()
            .iter()
            .filter(|(_, needs)| *needs)
            .map(|(operation, _)| (*operation).to_owned())
            .collect();
        let all_rows: i64 = PARTITIONS.iter().map(|(_, rows)| rows).sum::<i64>() + ARCHIVE_ROWS;
        let current_rows = PARTITIONS[1].1;
        Ok(vec![
            Assertion::equal(
                ARCHIVE_RELEASED,
                "NotLoad",
                milvus.load_state(ARCHIVE.name, &[])?,
                "client.release_collection(\"orders_archive\"): its data stays in storage, only memory is freed",
            ),
            Assertion::equal(
                ONLY_CURRENT_YEAR,
                "y2026 Loaded, y2025 NotLoad",
                partition_states(&milvus)?,
                "release orders, then client.load_partitions(\"orders\", [\"y2026\"])",
            ),
            Assertion::equal(
                LOADED_ROWS,
                current_rows,
                loaded_rows,
                "everything loaded costs memory: only y2026 should be on the query node",
            ),
            Assertion::equal(
                ANSWER_BEFORE,
                all_rows,
                answer(&memory, |memory| memory.loaded_rows_before.to_string()),
                "sum every milvus_querynode_entity_num line of /metrics before you release anything",
            ),
            Assertion::equal(
                ANSWER_AFTER,
                loaded_rows,
                answer(&memory, |memory| memory.loaded_rows_after.to_string()),
                "the same sum after your changes",
            ),
            Assertion::equal(
                ANSWER_NEEDS_LOAD,
                list(&needs_load),
                answer(&memory, |memory| list(&memory.needs_load)),
                "run try_ops.py against the released orders_archive: the ones that fail with `collection not loaded`",
            ),
        ])
    }
}

/// What the query node reports as loaded: the sum of its entity counts.
fn loaded_rows(ctx: &LabContext) -> Result<u64> {
    let http = ctx.fixture.endpoints.http.as_deref().context("this deployment publishes no metrics endpoint")?;
    let metrics = get(&format!("{http}/metrics"), None)?;
    Ok(metric_sum(&metrics.body, ENTITY_METRIC).unwrap_or(0.0) as u64)
}

fn partition_states(milvus: &Milvus) -> Result<String> {
    let states: Vec<String> = PARTITIONS
        .iter()
        .rev()
        .map(|(partition, _)| Ok(format!("{partition} {}", milvus.load_state(ORDERS.name, &[partition])?)))
        .collect::<Result<_>>()?;
    Ok(states.join(", "))
}

fn list(operations: &BTreeSet<String>) -> String {
    operations.iter().map(String::as_str).collect::<Vec<_>>().join(", ")
}
