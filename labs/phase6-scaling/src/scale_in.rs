//! Scale in gracefully: a query node that is killed takes its segments with
//! it until the coordinator notices; one that is stopped hands them over
//! first. The learner does both under recorded traffic and compares.

use anyhow::Result;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, answer,
};
use serde::Deserialize;

use crate::Second;

pub struct ScaleIn;

// The check's assertions, in report order; the book lists them from `META`.
const KILLED: &str = "kill.jsonl: a query node was killed under traffic (three nodes to two)";
const DRAINED: &str = "drain.jsonl: a query node left under traffic (two nodes to one)";
const DRAIN_CLEAN: &str = "drain.jsonl: no search failed, came back short or was slow (over 5 s)";
const EXITS: &str = "the killed node exited 137 (SIGKILL), the drained one 0 (its own graceful stop)";
const NOTHING_LOST: &str = "`catalog` is served whole by the node that is left";
const ANSWER_LEADER: &str = "answers.toml: shard_leader_node";
const ANSWER_KILL_COST: &str = "answers.toml: failed_when_killed";

static META: LabMeta = LabMeta {
    id: "phase6/scale-in",
    title: "Scale in gracefully: drain a query node, do not kill it",
    phase: 6,
    mode: Mode::Cluster,
    weight: Weight::CLUSTER,
    minutes: 25,
    components: &["querycoord", "querynode", "proxy"],
    // The leader's handover window and the exit codes are measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::CLUSTER_LAB,
    // Three query nodes, so two can leave. No compaction: the eight small
    // segments stay spread over the three nodes instead of merging onto one.
    // A 10 s session TTL: the kill is noticed in about 10 s, not 30
    // (phase6/lose-a-node is the lab about that window).
    settings: &[Setting::QueryNodes(3), Setting::CompactionOff, Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[KILLED, DRAINED, DRAIN_CLEAN, EXITS, NOTHING_LOST, ANSWER_LEADER, ANSWER_KILL_COST],
};

/// Fewer searches than this is not a run under traffic (CI's busy machine
/// managed 7 a second).
const MIN_SEARCHES: u64 = 50;

/// `answers.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    shard_leader_node: i64,
    failed_when_killed: u64,
}

impl Lab for ScaleIn {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// `catalog` loaded once, its eight segments spread over the three query
    /// nodes, and the baseline the check compares at the end.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if Baseline::load(ctx, Instance::First)?.is_some() {
            return Ok(());
        }
        crate::seed_catalog(ctx, 1)?;
        Baseline::record(ctx, Instance::First, &[(crate::CATALOG, "id")])?.save(ctx)
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let kill = crate::read_jsonl::<Second>(ctx, "kill.jsonl");
        let drain = crate::read_jsonl::<Second>(ctx, "drain.jsonl");
        let mut checks = vec![
            crate::spanned(
                KILLED,
                &kill,
                "3 → 2",
                "start `python traffic.py kill`, `docker kill` a query node, and stop traffic.py once it counts 2",
            ),
            crate::spanned(
                DRAINED,
                &drain,
                "2 → 1",
                "after the kill: start `python traffic.py drain`, `docker stop` a node that does not lead the \
                 shard, and stop traffic.py once it counts 1",
            ),
            drain_clean(&drain),
        ];

        let members = ctx.fixture.cluster_members()?;
        let nodes: Vec<_> = members.iter().filter(|m| m.role == "querynode").collect();
        let running = nodes.iter().filter(|m| m.state == "running").count();
        let mut codes: Vec<i64> = nodes.iter().filter(|m| m.state == "exited").map(|m| m.exit_code).collect();
        codes.sort_unstable();
        let codes = if codes.is_empty() {
            "none".to_owned()
        } else {
            codes.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
        };
        checks.push(Assertion::equal(
            EXITS,
            "1 running; exited: 0, 137",
            format!("{running} running; exited: {codes}"),
            "`docker kill` sends SIGKILL (137); `docker stop` sends SIGTERM, and the node hands its segments over \
             and exits 0 within its graceful-stop time. Keep the stopped containers: they are the record",
        ));

        let baseline = Baseline::required(ctx, Instance::First)?;
        checks.push(crate::compare_settled(
            ctx,
            &baseline,
            NOTHING_LOST,
            "a node that leaves loses no data (it is in the object store); the one left loads what the others held",
        ));

        let answers = ctx.answers::<Answers>("answers.toml");
        let leaders = ctx.milvus()?.shard_leaders(crate::CATALOG);
        const LEADER_HINT: &str = "python nodes.py names the node that leads the shard; it is the one to keep";
        checks.push(match leaders {
            Ok(leaders) => {
                let expected = leaders.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
                Assertion::equal(
                    ANSWER_LEADER,
                    expected,
                    answer(&answers, |a| a.shard_leader_node.to_string()),
                    LEADER_HINT,
                )
                .measured()
            }
            Err(error) => Assertion::probe_failed(ANSWER_LEADER, "the live shard leader", &error, LEADER_HINT),
        });
        let kill_cost = kill.as_ref().map(|seconds| failed(seconds)).map_err(Clone::clone);
        checks.push(
            Assertion::equal(
                ANSWER_KILL_COST,
                kill_cost.map_or_else(|error| error, |n| n.to_string()),
                answer(&answers, |a| a.failed_when_killed.to_string()),
                "traffic.py's last line of the kill run: short + errors + slow",
            )
            .measured(),
        );
        Ok(checks)
    }
}

/// Searches that came back short, failed or took over 5 s.
fn failed(seconds: &[Second]) -> u64 {
    seconds.iter().map(|s| s.short + s.errors + s.slow).sum()
}

fn drain_clean(record: &std::result::Result<Vec<Second>, String>) -> Assertion {
    const HINT: &str = "stop a node that does not lead the shard (python nodes.py), with `docker stop`: a killed \
                        node's segments are gone until the coordinator notices, and a leaving leader's shard \
                        answers short while it moves";
    let expected = format!("0 failed in at least {MIN_SEARCHES} searches");
    let seconds = match record {
        Ok(seconds) => seconds,
        Err(error) => return Assertion::that(DRAIN_CLEAN, false, expected, error, HINT),
    };
    let searches: u64 = seconds.iter().map(|s| s.searches).sum();
    let holds = failed(seconds) == 0 && searches >= MIN_SEARCHES;
    // How many searches ran depends on how long the learner let it run.
    let observed = if holds {
        expected.clone()
    } else {
        let (short, errors, slow) =
            seconds.iter().fold((0, 0, 0), |(a, b, c), s| (a + s.short, b + s.errors, c + s.slow));
        format!("{short} short, {errors} errors, {slow} slow in {searches} searches")
    };
    Assertion::that(DRAIN_CLEAN, holds, expected, observed, HINT)
}
