//! Channels and who consumes them: each shard of a collection is a DML
//! channel in the message queue; one data node consumes it (and writes it to
//! the object store) and one query node leads it (and serves its newest
//! rows). The learner finds both for one channel, predicts which data node
//! takes it over, kills its data node while writer.py inserts, and the check
//! reads the new assignment from etcd and every acknowledged row from Milvus.

use std::time::Duration;

use anyhow::{Context, Result};
use lab_framework::probes::CollectionSpec;
use lab_framework::{
    Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, answer, drill,
};
use serde::{Deserialize, Serialize};

pub struct Channels;

// The check's assertions, in report order; the book lists them from `META`.
const ANSWER_OWNERS: &str = "answers.toml: data_node and shard_leader of the v0 channel";
const NODE_GONE: &str = "the data node that consumed v0 is gone from etcd";
const TAKEN_OVER: &str = "v0 is consumed by the data node you predicted (answers.toml: successor)";
const OUTAGE_WRITES: &str = "writer.py's inserts were acknowledged while v0's data node was down";
const NOTHING_LOST: &str = "`orders` holds its seeded rows and every row writer.py had acknowledged";

static META: LabMeta = LabMeta {
    id: "phase6/channels",
    title: "Channels and who consumes them",
    phase: 6,
    mode: Mode::Cluster,
    weight: Weight::CLUSTER,
    minutes: 25,
    components: &["datacoord", "datanode", "querynode", "etcd", "wal"],
    // The key layout and the hand-over are read on 2.3.5 (the version module).
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::CLUSTER_LAB,
    // Three data nodes for two channels: one is idle when a busy one dies.
    // A short session TTL: the hand-over waits for it, 30 s upstream.
    settings: &[Setting::DataNodes(3), Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[ANSWER_OWNERS, NODE_GONE, TAKEN_OVER, OUTAGE_WRITES, NOTHING_LOST],
};

/// The collection writer.py inserts into: two shards, so two channels.
const ORDERS: &str = "orders";
const SHARDS: i32 = 2;
const SEEDED_ROWS: i64 = 2_000;
/// Fewer rows acknowledged during the outage than this is not a write during it.
const MIN_OUTAGE_ROWS: u64 = 50;
/// Where Milvus keeps its metadata in etcd (`etcd.rootPath` + `/meta/`).
const META_ROOT: &str = "by-dev/meta/";
/// The run folder's record of who served `orders`' v0 channel at setup.
const SETUP_FILE: &str = "channels-at-setup.json";

/// Who served the v0 channel right after setup: what the learner must find.
#[derive(Serialize, Deserialize)]
struct AtSetup {
    channel: String,
    data_node: i64,
    shard_leader: i64,
}

/// answers.toml.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    data_node: i64,
    shard_leader: i64,
    successor: i64,
}

/// One second of writer.jsonl, as writer.py writes it.
#[derive(Deserialize)]
struct Second {
    /// The data node v0 was assigned to in etcd (none while unassigned).
    consumer: Option<i64>,
    /// Whether that node answered on its /metrics: a killed node stops at
    /// once, though etcd lists it until its session expires.
    consumer_answers: bool,
    /// [first, end) id ranges Milvus acknowledged in this second.
    acked: Vec<[i64; 2]>,
}

impl Lab for Channels {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// `orders` in two shards, flushed and loaded, and a record of who
    /// consumes and leads its v0 channel.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if ctx.setup_record::<AtSetup>(SETUP_FILE)?.is_some() {
            return Ok(());
        }
        let milvus = ctx.milvus()?;
        if !milvus.has_collection(ORDERS)? {
            let spec = CollectionSpec {
                name: ORDERS,
                primary_key: "id",
                vector_field: "vector",
                dimension: 8,
                scalar_fields: &[],
            };
            milvus.create_collection_in_shards(&spec, SHARDS)?;
            milvus.insert_rows(ORDERS, lab_framework::drill::seeded_rows(0..SEEDED_ROWS))?;
            milvus.flush(&[ORDERS])?;
        }
        let (channel, shard_leader) = milvus
            .shard_leaders_by_channel(ORDERS)?
            .into_iter()
            .find(|(channel, _)| channel.ends_with("v0"))
            .context("orders has no channel ending in v0")?;
        // The data coordinator assigns channels as the collection is created;
        // on a busy machine the key may come a moment later.
        let data_node = wait_for(|| Ok(consumers(ctx, &channel)?.first().copied()))?
            .with_context(|| format!("no data node was assigned {channel} within 30 s"))?;
        ctx.save_setup_record(SETUP_FILE, &AtSetup { channel, data_node, shard_leader })
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let setup = ctx
            .setup_record::<AtSetup>(SETUP_FILE)?
            .context("this deployment has no setup record; `cargo xtask reset` seeds one")?;
        let answers = ctx.answers::<Answers>("answers.toml");

        const OWNERS_HINT: &str = "the data node: `etcdctl get --prefix --keys-only by-dev/meta/channelwatch/` \
                                   lists <node ID>/<channel>; the shard leader: client.describe_replica(\"orders\"). \
                                   Write what they were before you killed anything";
        let expected = "the data node and the shard leader at setup";
        let owners_right =
            answers.as_ref().is_ok_and(|a| a.data_node == setup.data_node && a.shard_leader == setup.shard_leader);
        // Node IDs differ run to run: a passing report repeats the rule.
        let observed = if owners_right {
            expected.to_owned()
        } else {
            answer(&answers, |a| format!("data_node {}, shard_leader {}", a.data_node, a.shard_leader))
        };
        let mut checks = vec![Assertion::that(ANSWER_OWNERS, owners_right, expected, observed, OWNERS_HINT)];

        let live_data_nodes = live_data_nodes(ctx);
        const GONE_HINT: &str = "find the container whose /metrics carries that node_id (`curl -s \
                                 $METRICS_DATANODE_1 | grep -m1 node_id`, and _2, _3) and kill it: `docker kill \
                                 <container>`. It stays registered until its session's TTL runs out";
        let expected = "no session for the data node that consumed v0";
        checks.push(match &live_data_nodes {
            Ok(nodes) => {
                let gone = !nodes.contains(&setup.data_node);
                let observed = if gone { expected.to_owned() } else { "it is still registered".to_owned() };
                Assertion::that(NODE_GONE, gone, expected, observed, GONE_HINT)
            }
            Err(error) => Assertion::probe_failed(NODE_GONE, expected, error, GONE_HINT),
        });

        checks.push(taken_over(ctx, &setup, &answers, &live_data_nodes));

        let record = crate::read_jsonl::<Second>(ctx, "writer.jsonl");
        checks.push(outage_writes(&record));
        checks.push(nothing_lost(ctx, &record));
        Ok(checks)
    }
}

/// The data nodes etcd assigns `channel` to (one, but for a moment during a
/// hand-over).
fn consumers(ctx: &LabContext, channel: &str) -> Result<Vec<i64>> {
    let watch = ctx
        .fixture
        .version
        .channel_watch_prefix()
        .with_context(|| format!("Milvus {} keeps no channel assignments in etcd", ctx.fixture.version))?;
    let prefix = format!("{META_ROOT}{watch}");
    let keys = ctx.etcd()?.keys(&prefix)?;
    Ok(keys
        .iter()
        .filter_map(|key| key.strip_prefix(&prefix)?.split_once('/'))
        .filter(|(_, assigned)| *assigned == channel)
        .filter_map(|(node, _)| node.parse().ok())
        .collect())
}

/// The data nodes with a live etcd session (`session/datanode-<ID>`).
fn live_data_nodes(ctx: &LabContext) -> Result<Vec<i64>> {
    let prefix = format!("{META_ROOT}session/datanode-");
    let keys = ctx.etcd()?.keys(&prefix)?;
    Ok(keys.iter().filter_map(|key| key.strip_prefix(&prefix)?.parse().ok()).collect())
}

/// Calls `probe` every second for up to 30 s until it finds something.
fn wait_for<T>(probe: impl Fn() -> Result<Option<T>>) -> Result<Option<T>> {
    drill::settle(Duration::from_secs(30), Duration::from_secs(1), probe, |found| !matches!(found, Ok(None)))
}

/// v0 is on a live data node other than the one killed, and it is the one
/// the learner predicted.
fn taken_over(
    ctx: &LabContext,
    setup: &AtSetup,
    answers: &std::result::Result<Answers, String>,
    live_data_nodes: &Result<Vec<i64>>,
) -> Assertion {
    const HINT: &str = "the data coordinator gives an orphaned channel to the data node with the fewest \
                        channels, once the dead node's session has expired; compare the keys under \
                        by-dev/meta/channelwatch/ with the data node sessions under by-dev/meta/session/";
    let expected = "your prediction, a live node other than the killed one";
    let Ok(answers) = answers else {
        return Assertion::that(TAKEN_OVER, false, expected, answer(answers, |_| String::new()), HINT);
    };
    let consumers = consumers(ctx, &setup.channel);
    let (consumers, live) = match (consumers, live_data_nodes) {
        (Ok(consumers), Ok(live)) => (consumers, live),
        (Err(error), _) => return Assertion::probe_failed(TAKEN_OVER, expected, &error, HINT),
        (_, Err(error)) => return Assertion::probe_failed(TAKEN_OVER, expected, error, HINT),
    };
    let observed = match consumers.as_slice() {
        [node] if *node == setup.data_node && live.contains(node) => {
            "still on the node it started on, which is registered: not killed, or its session has not expired yet"
                .to_owned()
        }
        [node] if *node == setup.data_node => {
            "still on the killed node: the hand-over follows its session's expiry by a moment; check again".to_owned()
        }
        [node] if !live.contains(node) => format!("node {node}, which is not running"),
        [node] if *node == answers.successor => expected.to_owned(),
        [node] => format!("node {node}; you predicted node {}", answers.successor),
        [] => "no data node".to_owned(),
        several => format!("nodes {several:?} at once (a hand-over in progress: check again)"),
    };
    Assertion::that(TAKEN_OVER, observed == expected, expected, observed, HINT)
}

/// writer.py recorded rows Milvus acknowledged in seconds when v0's data node
/// did not answer: the queue took them with nobody consuming.
fn outage_writes(record: &std::result::Result<Vec<Second>, String>) -> Assertion {
    const HINT: &str = "start `python writer.py` first, kill the data node while it runs, and stop it (Ctrl-C) \
                        only after it shows a live consumer again";
    let expected = format!("at least {MIN_OUTAGE_ROWS} rows acknowledged while it was down, and a node up again");
    let seconds = match record {
        Ok(seconds) => seconds,
        Err(error) => return Assertion::that(OUTAGE_WRITES, false, expected, error, HINT),
    };
    let outage: Vec<&Second> = seconds.iter().filter(|s| !s.consumer_answers).collect();
    let rows: u64 = outage.iter().flat_map(|s| &s.acked).map(|[first, end]| (end - first).max(0) as u64).sum();
    let recovered = seconds.last().is_some_and(|s| s.consumer_answers && s.consumer.is_some());
    let holds = rows >= MIN_OUTAGE_ROWS && recovered;
    let observed = if holds {
        expected.clone()
    } else if !recovered && !outage.is_empty() {
        format!("{rows} rows in {} s of outage, but the record ends before a node that is up took v0", outage.len())
    } else {
        format!("{rows} rows in {} s while v0's data node was down", outage.len())
    };
    Assertion::that(OUTAGE_WRITES, holds, expected, observed, HINT)
}

/// Every seeded id and every id writer.py had acknowledged is in `orders`
/// (Strong consistency), retried for a while: the new consumer replays the
/// queue from the channel's checkpoint.
fn nothing_lost(ctx: &LabContext, record: &std::result::Result<Vec<Second>, String>) -> Assertion {
    const HINT: &str = "an acknowledged insert is in the message queue; the data node that takes the channel \
                        over replays it from the channel's checkpoint. Is `orders` loaded? \
                        client.load_collection(\"orders\")";
    let expected = format!("the {SEEDED_ROWS} seeded rows and every acknowledged one");
    let acked: Vec<[i64; 2]> = match record {
        Ok(seconds) => seconds.iter().flat_map(|s| s.acked.iter().copied()).collect(),
        Err(error) => return Assertion::that(NOTHING_LOST, false, expected, error, HINT),
    };
    let wanted: Vec<i64> = (0..SEEDED_ROWS).chain(acked.iter().flat_map(|[first, end]| *first..*end)).collect();
    let missing = drill::settle(
        Duration::from_secs(30),
        Duration::from_secs(2),
        || {
            ctx.milvus()
                .and_then(|milvus| milvus.primary_keys(ORDERS, "id", "id >= 0"))
                .map(|keys| wanted.iter().filter(|id| keys.binary_search(id).is_err()).count())
        },
        |missing| matches!(missing, Ok(0)),
    );
    match missing {
        Ok(0) => Assertion::that(NOTHING_LOST, true, &expected, &expected, HINT),
        Ok(missing) => {
            let observed = format!("{missing} of {} rows missing", wanted.len());
            Assertion::that(NOTHING_LOST, false, expected, observed, HINT)
        }
        Err(error) => Assertion::probe_failed(NOTHING_LOST, expected, &error, HINT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A second of writer.jsonl in which v0's node (8) answered or not, with
    /// `rows` acknowledged.
    fn second(answers: bool, rows: i64) -> Second {
        Second { consumer: Some(8), consumer_answers: answers, acked: vec![[1000, 1000 + rows]] }
    }

    #[test]
    fn writes_during_the_outage_count_once_a_node_is_up_again() {
        let record = Ok(vec![second(true, 60), second(false, 30), second(false, 30), second(true, 60)]);
        assert!(outage_writes(&record).holds);
    }

    #[test]
    fn writes_only_before_the_kill_do_not_count() {
        let record = Ok(vec![second(true, 60), second(true, 60), second(false, 0), second(true, 0)]);
        let assertion = outage_writes(&record);
        assert!(!assertion.holds);
        assert_eq!(assertion.observed, "0 rows in 1 s while v0's data node was down");
    }

    #[test]
    fn a_record_that_ends_during_the_outage_fails() {
        let record = Ok(vec![second(true, 60), second(false, 60), second(false, 60)]);
        let assertion = outage_writes(&record);
        assert!(!assertion.holds);
        assert!(assertion.observed.contains("ends before a node that is up took v0"), "{}", assertion.observed);
    }

    #[test]
    fn a_missing_record_fails_with_the_reason() {
        let assertion = outage_writes(&Err("cannot read writer.jsonl: not found".to_owned()));
        assert!(!assertion.holds);
        assert_eq!(assertion.observed, "cannot read writer.jsonl: not found");
    }
}
