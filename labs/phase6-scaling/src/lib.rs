//! Phase 6 of the course: scaling and cluster operations. The labs run Milvus
//! as a cluster (a container per role) and change it while it serves.

mod channels;
mod lose_a_node;
mod memory_planning;
mod rolling_restart;
mod scale_in;
mod scale_out;
mod upgrade;

use anyhow::Result;
use lab_framework::probes::CollectionSpec;
use lab_framework::{Assertion, Baseline, Lab, LabContext, drill};

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![
        &channels::Channels,
        &scale_out::ScaleOut,
        &lose_a_node::LoseANode,
        &scale_in::ScaleIn,
        &rolling_restart::RollingRestart,
        &memory_planning::MemoryPlanning,
        &upgrade::Upgrade,
    ]
}

/// The collection the shop searches.
const CATALOG: &str = "catalog";
/// Sealed segments of `BATCH` rows: pieces the query coordinator can place
/// on different nodes.
const SEGMENTS: i64 = 8;
const BATCH: i64 = 1_000;

/// One second of a traffic record (traffic.py): searches, those that came
/// back short (fewer hits, no error), failed, or took over 5 s, and how
/// many query nodes the coordinator counted then.
#[derive(serde::Deserialize)]
struct Second {
    query_nodes: Option<u64>,
    searches: u64,
    short: u64,
    errors: u64,
    /// Not in every lab's record (scale-out's does not time searches).
    #[serde(default)]
    slow: u64,
}

/// The assertion named `name`: the query-node counts a traffic record saw, in
/// order, without repeats (`2 → 3`), are `expected`.
fn spanned(name: &str, record: &std::result::Result<Vec<Second>, String>, expected: &str, hint: &str) -> Assertion {
    match record {
        Ok(seconds) => Assertion::equal(name, expected, node_counts_seen(seconds), hint),
        Err(error) => Assertion::that(name, false, expected, error, hint),
    }
}

fn node_counts_seen(seconds: &[Second]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for second in seconds {
        let nodes = second.query_nodes.map_or("?".to_owned(), |n| n.to_string());
        if seen.last() != Some(&nodes) {
            seen.push(nodes);
        }
    }
    if seen.is_empty() { "an empty record".to_owned() } else { seen.join(" → ") }
}

/// The baseline comparison, tried again for a while when it fails. A cluster
/// that lost a node can answer reads with fewer rows for a while after it
/// looks healthy (measured: count(*) 0 right after every row had been read),
/// while data really lost stays lost.
fn compare_settled(ctx: &LabContext, baseline: &Baseline, name: &str, hint: &str) -> Assertion {
    use std::time::Duration;
    drill::settle(Duration::from_secs(30), Duration::from_secs(2), || baseline.compare(ctx, name, hint), |c| c.holds)
}

/// A JSON-lines record a lab's program wrote in the learner's folder
/// (traffic.py, drill.py), or why it cannot be read, for an assertion.
fn read_jsonl<T: serde::de::DeserializeOwned>(ctx: &LabContext, file: &str) -> std::result::Result<Vec<T>, String> {
    let text = std::fs::read_to_string(ctx.work_dir.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| serde_json::from_str(line).map_err(|e| format!("{file} line {}: {e}", n + 1)))
        .collect()
}

/// `catalog`, loaded as `replicas` copies, in sealed segments spread over the
/// query nodes. Written while loaded, its segments would stay on the node
/// that served them growing; loaded again once flushed, they are spread as
/// sealed ones. Returns whether it made it (a running lab keeps its own).
fn seed_catalog(ctx: &LabContext, replicas: i32) -> Result<bool> {
    let milvus = ctx.milvus()?;
    if milvus.has_collection(CATALOG)? {
        return Ok(false);
    }
    let spec =
        CollectionSpec { name: CATALOG, primary_key: "id", vector_field: "vector", dimension: 8, scalar_fields: &[] };
    milvus.create_collection(&spec)?;
    for segment in 0..SEGMENTS {
        milvus.insert_rows(CATALOG, drill::seeded_rows(segment * BATCH..(segment + 1) * BATCH))?;
        milvus.seal(&[CATALOG])?;
    }
    milvus.flush(&[CATALOG])?;
    milvus.release_collection(CATALOG)?;
    // Returns once loaded.
    milvus.load_replicated(CATALOG, replicas)?;
    Ok(true)
}
