//! Scale query nodes out under traffic: a third query node joins a serving
//! cluster, and not one search fails or comes back short.

use crate::Second;
use anyhow::Result;
use lab_framework::probes::{get, metric_sum};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};

pub struct ScaleOut;

// The check's assertions, in report order; the book lists them from `META`.
const QUERY_NODES: &str = "querycoord counts three query nodes";
const REPLICA_SPANS: &str = "`catalog`'s replica spans the three query nodes";
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
    assertions: &[QUERY_NODES, REPLICA_SPANS, TRAFFIC_SPANNED, NO_FAILED_SEARCH],
};

const TARGET_NODES: u64 = 3;
/// Fewer searches than this is not a run under traffic.
const MIN_SEARCHES: u64 = 100;

impl Lab for ScaleOut {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        crate::seed_catalog(ctx, 1).map(|_| ())
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

        // A new node joins the collection's replica within seconds; segments
        // follow when the balancer next runs, and how many move depends on its
        // timing, so the check reads the replica's membership.
        const REPLICA_HINT: &str = "a node added to the cluster joins the loaded replica by itself; wait until \
                                    client.describe_replica(\"catalog\") lists three nodes before you stop \
                                    traffic.py";
        let expected = format!("1 replica on {TARGET_NODES} query nodes");
        checks.push(match ctx.milvus()?.replica_nodes(crate::CATALOG) {
            Ok(replicas) => {
                let nodes: std::collections::BTreeSet<i64> = replicas.iter().flatten().copied().collect();
                let observed = format!("{} replica on {} query nodes", replicas.len(), nodes.len());
                Assertion::equal(REPLICA_SPANS, &expected, observed, REPLICA_HINT)
            }
            Err(error) => Assertion::probe_failed(REPLICA_SPANS, &expected, &error, REPLICA_HINT),
        });

        let record = crate::read_jsonl::<Second>(ctx, "traffic.jsonl");
        checks.push(crate::spanned(
            TRAFFIC_SPANNED,
            &record,
            "2 → 3",
            "start `python traffic.py` first, add the node while it runs, and stop it (Ctrl-C) only after the new \
             node serves",
        ));
        checks.push(no_failed_search(&record));
        Ok(checks)
    }
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
