//! Scale query nodes out under traffic: a third query node joins a serving
//! cluster, and not one search fails or comes back short.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use lab_framework::probes::{CollectionSpec, get, metric_sum};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, drill};
use serde::Deserialize;

pub struct ScaleOut;

// The check's assertions, in report order; the book lists them from `META`.
const QUERY_NODES: &str = "querycoord counts three query nodes";
const NEW_NODE_SERVES: &str = "the newest query node holds segments";
const TRAFFIC_SPANNED: &str = "traffic.py ran while the query nodes went from two to three";
const NO_FAILED_SEARCH: &str = "no search failed or came back short";

static META: LabMeta = LabMeta {
    id: "phase6/scale-out",
    title: "Scale query nodes out under traffic",
    phase: 6,
    mode: Mode::Cluster,
    weight: Weight::CLUSTER,
    minutes: 25,
    components: &["querycoord", "querynode", "proxy"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5],
    requirements: Requirement::CLUSTER_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[QUERY_NODES, NEW_NODE_SERVES, TRAFFIC_SPANNED, NO_FAILED_SEARCH],
};

const COLLECTION: &str = "catalog";
/// Sealed segments of `BATCH` rows: enough pieces for the balancer to move
/// some onto a new node.
const SEGMENTS: i64 = 8;
const BATCH: i64 = 1_000;
const TARGET_NODES: u64 = 3;
const LOAD_TIMEOUT: Duration = Duration::from_secs(60);
/// Fewer searches than this is not a run under traffic.
const MIN_SEARCHES: u64 = 100;

/// One second of traffic.py's record.
#[derive(Deserialize)]
struct Second {
    query_nodes: Option<u64>,
    searches: u64,
    short: u64,
    errors: u64,
}

impl Lab for ScaleOut {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// `catalog`, loaded, in sealed segments spread over the two query nodes.
    /// Written while loaded, its segments would stay on the node that served
    /// them growing; loaded again once flushed, they are spread as sealed ones.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let milvus = ctx.milvus()?;
        if milvus.has_collection(COLLECTION)? {
            return Ok(());
        }
        let spec = CollectionSpec {
            name: COLLECTION,
            primary_key: "id",
            vector_field: "vector",
            dimension: 8,
            scalar_fields: &[],
        };
        milvus.create_collection(&spec)?;
        for segment in 0..SEGMENTS {
            milvus.insert_rows(COLLECTION, drill::seeded_rows(segment * BATCH..(segment + 1) * BATCH))?;
            milvus.seal(&[COLLECTION])?;
        }
        milvus.flush(&[COLLECTION])?;
        milvus.release_collection(COLLECTION)?;
        milvus.load_collection(COLLECTION)?;
        let started = Instant::now();
        while milvus.load_state(COLLECTION, &[])? != "Loaded" {
            if started.elapsed() > LOAD_TIMEOUT {
                bail!("{COLLECTION} is not loaded after {LOAD_TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let members = ctx.fixture.cluster_members()?;
        let coordinator = members.iter().find(|m| m.role == "mixcoord").and_then(|m| m.metrics.clone());
        let counted = coordinator
            .map(|url| {
                let text = get(&url, None)?.body;
                metric_sum(&text, "milvus_querycoord_querynode_num")
                    .map(|n| n as u64)
                    .ok_or_else(|| anyhow::anyhow!("{url} has no milvus_querycoord_querynode_num"))
            })
            .unwrap_or_else(|| Err(anyhow::anyhow!("the coordinators are not running")));
        const SCALE_HINT: &str = "add one query node to the running ones: `docker compose up --detach --wait \
                                  --no-deps --no-recreate --scale querynode=3 querynode`";
        let mut checks = vec![match counted {
            Ok(count) => Assertion::equal(QUERY_NODES, TARGET_NODES, count, SCALE_HINT),
            Err(error) => Assertion::probe_failed(QUERY_NODES, TARGET_NODES, &error, SCALE_HINT),
        }];

        // The query node with the highest number is the one added last.
        let newest = members.iter().filter(|m| m.role == "querynode").max_by_key(|m| container_number(&m.container));
        let segments = newest.and_then(|m| m.metrics.clone()).map(|url| {
            get(&url, None).map(|r| metric_sum(&r.body, "milvus_querynode_segment_num").unwrap_or(0.0) as u64)
        });
        const SEGMENT_HINT: &str = "querycoord's balancer moves segments onto a new node within a minute or so: \
                                    keep traffic.py running until the new node's /metrics shows \
                                    milvus_querynode_segment_num";
        checks.push(match (newest, segments) {
            // How many it gets depends on the balancer's timing: a passing
            // report says only that it has some.
            (Some(node), Some(Ok(count))) => Assertion::that(
                NEW_NODE_SERVES,
                count > 0,
                "holds segments",
                if count > 0 { "holds segments".to_owned() } else { format!("no segments on {}", node.container) },
                SEGMENT_HINT,
            ),
            (_, Some(Err(error))) => Assertion::probe_failed(NEW_NODE_SERVES, "holds segments", &error, SEGMENT_HINT),
            _ => Assertion::that(NEW_NODE_SERVES, false, "holds segments", "no running query node", SEGMENT_HINT),
        });

        let record = read_record(ctx);
        checks.push(traffic_spanned(&record));
        checks.push(no_failed_search(&record));
        Ok(checks)
    }
}

fn container_number(name: &str) -> u64 {
    name.rsplit('-').next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// traffic.py's record, or why there is none.
fn read_record(ctx: &LabContext) -> std::result::Result<Vec<Second>, String> {
    let path = ctx.work_dir.join("traffic.jsonl");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read traffic.jsonl: {e}"))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| serde_json::from_str(line).map_err(|e| format!("traffic.jsonl line {}: {e}", n + 1)))
        .collect()
}

/// The node counts the record saw, in order, without repeats: `2 → 3`.
fn traffic_spanned(record: &std::result::Result<Vec<Second>, String>) -> Assertion {
    const HINT: &str = "start `python traffic.py` first, add the node while it runs, and stop it (Ctrl-C) only \
                        after the new node holds segments";
    let seconds = match record {
        Ok(seconds) => seconds,
        Err(error) => return Assertion::that(TRAFFIC_SPANNED, false, "2 → 3", error, HINT),
    };
    let mut seen: Vec<String> = Vec::new();
    for second in seconds {
        let nodes = second.query_nodes.map_or("?".to_owned(), |n| n.to_string());
        if seen.last() != Some(&nodes) {
            seen.push(nodes);
        }
    }
    let observed = if seen.is_empty() { "an empty record".to_owned() } else { seen.join(" → ") };
    Assertion::equal(TRAFFIC_SPANNED, "2 → 3", observed, HINT)
}

fn no_failed_search(record: &std::result::Result<Vec<Second>, String>) -> Assertion {
    const HINT: &str = "add a node without recreating or restarting the running ones (--no-recreate): each \
                        restarted node drops the segments it serves until they are loaded again";
    let expected = format!("0 short, 0 errors in at least {MIN_SEARCHES} searches");
    let seconds = match record {
        Ok(seconds) => seconds,
        Err(error) => return Assertion::that(NO_FAILED_SEARCH, false, expected, error, HINT),
    };
    let searches: u64 = seconds.iter().map(|s| s.searches).sum();
    let short: u64 = seconds.iter().map(|s| s.short).sum();
    let errors: u64 = seconds.iter().map(|s| s.errors).sum();
    let holds = short == 0 && errors == 0 && searches >= MIN_SEARCHES;
    // The number of searches depends on how long the learner ran traffic:
    // a passing report names the threshold, not the count.
    let observed =
        if holds { expected.clone() } else { format!("{short} short, {errors} errors in {searches} searches") };
    Assertion::that(NO_FAILED_SEARCH, holds, expected, observed, HINT)
}
