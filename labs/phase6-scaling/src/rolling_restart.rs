//! Rolling restart: every Milvus process restarted under search and insert
//! traffic, one at a time, coordinator first and proxy last, waiting after
//! each query node until searches are whole again, since healthy is not yet
//! serving. The check reads the containers' start and stop times, the
//! traffic record, and the collections.

use anyhow::Result;
use chrono::{DateTime, Utc};
use lab_framework::probes::CollectionSpec;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, Member, MilvusVersion, Mode, Requirement, Weight, answer,
};
use serde::Deserialize;

pub struct RollingRestart;

// The check's assertions, in report order; the book lists them from `META`.
const RESTARTED: &str = "every Milvus process was restarted in place, and runs";
const RECORDED: &str = "traffic.jsonl covers the whole rolling restart";
const ORDER: &str = "one process at a time: the coordinator first, the proxy last";
const WHOLE_BETWEEN: &str = "searches were whole again before the next query node went down";
const FEW_FAILED: &str = "few searches and inserts failed (a proxy restarting is not counted)";
const ORDERS_KEPT: &str = "`orders` holds every order Milvus acknowledged";
const NOTHING_LOST: &str = "`catalog` kept its rows and is loaded";
const ANSWER_COSTLY: &str = "answers.toml: costly_restart";

static META: LabMeta = LabMeta {
    id: "phase6/rolling-restart",
    title: "Rolling restart under traffic",
    phase: 6,
    mode: Mode::Cluster,
    weight: Weight::CLUSTER,
    minutes: 30,
    components: &["mixcoord", "datanode", "indexnode", "querynode", "proxy"],
    // The short results after a query node returns are measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::CLUSTER_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[RESTARTED, RECORDED, ORDER, WHOLE_BETWEEN, FEW_FAILED, ORDERS_KEPT, NOTHING_LOST, ANSWER_COSTLY],
};

/// The collection traffic.py inserts into.
const ORDERS: &str = "orders";
/// Failed searches and inserts a careful restart stays under. Measured on
/// 2.3.5: 4 and 10 in two runs, as searches that waited 10 s on the
/// coordinator or a returning query node; 257 with every process at once.
const MAX_FAILED: u64 = 40;
/// Seconds in a row with only whole searches that count as "whole again".
const WHOLE_SECONDS: usize = 3;
/// Fewer acknowledged orders than this is not a run under traffic.
const MIN_ORDERS: u64 = 100;

/// One second of traffic.jsonl.
#[derive(Deserialize)]
struct Second {
    /// Unix time at the end of the second.
    time: f64,
    searches: u64,
    short: u64,
    errors: u64,
    insert_errors: u64,
    unreachable: u64,
    /// `[first, end)` id ranges of the orders acknowledged in this second.
    acked: Vec<[i64; 2]>,
}

impl Second {
    fn whole(&self) -> bool {
        self.searches > 0 && self.short + self.errors + self.unreachable == 0
    }
}

/// `answers.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    costly_restart: String,
}

impl Lab for RollingRestart {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// `catalog` loaded as two replicas (one per query node), an empty
    /// `orders` loaded the same way, and the baseline of `catalog`.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if Baseline::load(ctx, Instance::First)?.is_some() {
            return Ok(());
        }
        crate::seed_catalog(ctx, 2)?;
        let milvus = ctx.milvus()?;
        if !milvus.has_collection(ORDERS)? {
            let spec = CollectionSpec {
                name: ORDERS,
                primary_key: "id",
                vector_field: "vector",
                dimension: 8,
                scalar_fields: &[],
            };
            milvus.create_collection(&spec)?;
            milvus.release_collection(ORDERS)?;
            milvus.load_replicated(ORDERS, 2)?;
        }
        Baseline::record(ctx, Instance::First, &[(crate::CATALOG, "id")])?.save(ctx)
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let mut members = ctx.fixture.cluster_members()?;
        ctx.fixture.read_stop_signals(&mut members)?;
        let record = crate::read_jsonl::<Second>(ctx, "traffic.jsonl");
        let mut restarts: Vec<&Member> = members.iter().filter(|m| m.stopped_at.is_some()).collect();
        restarts.sort_by_key(|m| went_down(m));

        let mut checks = vec![restarted(&members), recorded(&record, &restarts), order(&restarts, members.len())];
        checks.push(whole_between(&record, &restarts));

        const FAILED_HINT: &str = "restart one process at a time and wait for it: `docker restart <container>`, \
                                   then until `docker ps` shows it healthy and, for a query node, until \
                                   traffic.py counts no new short or failed searches";
        let expected = format!("at most {MAX_FAILED}");
        checks.push(match &record {
            Ok(seconds) => {
                let failed: u64 = seconds.iter().map(|s| s.errors + s.insert_errors).sum();
                Assertion::that(FEW_FAILED, failed <= MAX_FAILED, &expected, failed, FAILED_HINT).measured()
            }
            Err(error) => Assertion::that(FEW_FAILED, false, &expected, error, FAILED_HINT),
        });

        checks.push(orders_kept(ctx, &record));
        let baseline = Baseline::required(ctx, Instance::First)?;
        checks.push(crate::compare_settled(
            ctx,
            &baseline,
            NOTHING_LOST,
            "a restart loses no data and keeps the load: the coordinator loads `catalog` again by itself; \
             wait for it, or load it: client.load_collection(\"catalog\", replica_number=2)",
        ));

        let answers = ctx.answers::<Answers>("answers.toml");
        const COSTLY_HINT: &str = "in traffic.py's output, see which restart was followed by short results \
                                   (the one whose process came back healthy before it served), or, in a run \
                                   with none, by failed searches";
        checks.push(match (&record, costliest_restart(&record, &restarts)) {
            (Ok(_), Some(role)) => Assertion::equal(
                ANSWER_COSTLY,
                role,
                answer(&answers, |a| a.costly_restart.trim().to_owned()),
                COSTLY_HINT,
            )
            .measured(),
            (Ok(_), None) => Assertion::that(
                ANSWER_COSTLY,
                false,
                "the restart followed by the most short results",
                "no short or failed search in the record after a restart",
                COSTLY_HINT,
            ),
            (Err(error), _) => Assertion::that(
                ANSWER_COSTLY,
                false,
                "the restart followed by the most short results",
                error,
                COSTLY_HINT,
            ),
        });
        Ok(checks)
    }
}

fn restarted(members: &[Member]) -> Assertion {
    let missing: Vec<String> = members
        .iter()
        .filter(|m| m.stopped_at.is_none() || m.state != "running")
        .map(|m| format!("{} ({})", short_name(m), if m.state == "running" { "never stopped" } else { &m.state }))
        .collect();
    let observed = if missing.is_empty() {
        format!("all {} restarted and running", members.len())
    } else {
        format!("not restarted: {}", missing.join(", "))
    };
    Assertion::that(
        RESTARTED,
        missing.is_empty() && !members.is_empty(),
        format!("all {} restarted and running", members.len()),
        observed,
        "restart each with `docker restart <container>` (the names are in `docker compose ps`); a recreated \
         container (docker compose up --force-recreate) has no stop to show",
    )
}

/// The record began before the first process stopped and went on until
/// after the last one started.
fn recorded(record: &std::result::Result<Vec<Second>, String>, restarts: &[&Member]) -> Assertion {
    const HINT: &str = "start `python traffic.py` before the first restart and stop it (Ctrl-C) only after the \
                        last process is back";
    let expected = "from before the first stop to after the last start";
    let seconds = match record {
        Ok(seconds) => seconds,
        Err(error) => return Assertion::that(RECORDED, false, expected, error, HINT),
    };
    let (Some(first_stop), Some(last_start)) =
        (restarts.first().and_then(|m| went_down(m)), restarts.iter().filter_map(|m| m.started_at).max())
    else {
        return Assertion::that(RECORDED, false, expected, "no restart to compare with", HINT);
    };
    let (Some(began), Some(ended)) = (seconds.first(), seconds.last()) else {
        return Assertion::that(RECORDED, false, expected, "an empty record", HINT);
    };
    // A record second ends at `time`, so it began one second earlier.
    let holds = unix(began.time - 1.0) <= first_stop && unix(ended.time) > last_start;
    let observed = if holds { expected.to_owned() } else { "it missed part of the restarts".to_owned() };
    Assertion::that(RECORDED, holds, expected, observed, HINT)
}

/// Restarts one after another (each stop after the one before had started
/// again), the coordinator's first and the proxy's last.
fn order(restarts: &[&Member], members: usize) -> Assertion {
    const HINT: &str = "go one process at a time, in the order the Milvus upgrade tools use: the coordinator, \
                        then index node, data node, each query node, and the proxy last; start the next only \
                        when the one before is healthy again";
    let expected = "mixcoord first, proxy last, none overlapping";
    let sequence = restarts.iter().map(|m| short_name(m)).collect::<Vec<_>>().join(" → ");
    let overlapping = restarts.windows(2).any(|pair| went_down(pair[1]) < pair[0].started_at);
    let holds = restarts.len() == members
        && restarts.first().is_some_and(|m| m.role == "mixcoord")
        && restarts.last().is_some_and(|m| m.role == "proxy")
        && !overlapping;
    let observed = if holds {
        expected.to_owned()
    } else if overlapping {
        format!("{sequence}, some overlapping")
    } else if sequence.is_empty() {
        "no restart".to_owned()
    } else {
        sequence
    };
    Assertion::that(ORDER, holds, expected, observed, HINT)
}

/// Each query node went down only after the record had seen
/// `WHOLE_SECONDS` seconds of whole searches since the one before it came
/// back: the last seconds before it stopped, not any seconds in between
/// (the short results begin a few seconds after a node is healthy).
fn whole_between(record: &std::result::Result<Vec<Second>, String>, restarts: &[&Member]) -> Assertion {
    const HINT: &str = "a restarted query node is healthy before it serves: for a few seconds searches come back \
                        short. Wait until traffic.py has counted no new short result for ten seconds before you \
                        restart the next";
    let expected = format!("{WHOLE_SECONDS} whole seconds before the next query node went down");
    let seconds = match record {
        Ok(seconds) => seconds,
        Err(error) => return Assertion::that(WHOLE_BETWEEN, false, expected, error, HINT),
    };
    let nodes: Vec<&&Member> = restarts.iter().filter(|m| m.role == "querynode").collect();
    if nodes.len() < 2 {
        return Assertion::that(WHOLE_BETWEEN, false, expected, format!("{} query nodes restarted", nodes.len()), HINT);
    }
    let mut hurried = Vec::new();
    for pair in nodes.windows(2) {
        let (Some(back), Some(next_down)) = (pair[0].started_at, went_down(pair[1])) else { continue };
        let between: Vec<&Second> =
            seconds.iter().filter(|s| unix(s.time - 1.0) >= back && unix(s.time) <= next_down).collect();
        let last = &between[between.len().saturating_sub(WHOLE_SECONDS)..];
        if last.len() < WHOLE_SECONDS || !last.iter().all(|s| s.whole()) {
            hurried.push(short_name(pair[1]));
        }
    }
    let observed = if hurried.is_empty() {
        expected.clone()
    } else {
        format!("{} went down while searches were still short or failing", hurried.join(", "))
    };
    Assertion::that(WHOLE_BETWEEN, hurried.is_empty(), expected, observed, HINT)
}

/// Every acknowledged order id is in `orders` (Strong consistency).
fn orders_kept(ctx: &LabContext, record: &std::result::Result<Vec<Second>, String>) -> Assertion {
    const HINT: &str = "an insert Milvus acknowledged is in the message queue before the answer; a restart must \
                        not lose it. Is `orders` loaded? client.load_collection(\"orders\", replica_number=2)";
    let expected = format!("every acknowledged order (at least {MIN_ORDERS})");
    let seconds = match record {
        Ok(seconds) => seconds,
        Err(error) => return Assertion::that(ORDERS_KEPT, false, expected, error, HINT),
    };
    let acked: Vec<[i64; 2]> = seconds.iter().flat_map(|s| s.acked.iter().copied()).collect();
    let acknowledged: u64 = acked.iter().map(|[first, end]| (end - first).max(0) as u64).sum();
    let keys = ctx.milvus().and_then(|milvus| milvus.primary_keys(ORDERS, "id", ""));
    match keys {
        Ok(keys) => {
            let missing: u64 =
                acked.iter().flat_map(|[first, end]| *first..*end).filter(|id| keys.binary_search(id).is_err()).count()
                    as u64;
            let holds = missing == 0 && acknowledged >= MIN_ORDERS;
            let observed = if holds {
                expected.clone()
            } else {
                format!("{missing} of {acknowledged} acknowledged orders missing")
            };
            Assertion::that(ORDERS_KEPT, holds, expected, observed, HINT)
        }
        Err(error) => Assertion::probe_failed(ORDERS_KEPT, expected, &error, HINT),
    }
}

/// The role whose restart was followed by the most short results: each
/// short second is charged to the process that went down last before it.
/// A run with no short result at all (seen in CI under load: returning query
/// nodes timed searches out instead) is judged by its failed searches.
fn costliest_restart(record: &std::result::Result<Vec<Second>, String>, restarts: &[&Member]) -> Option<String> {
    let seconds = record.as_ref().ok()?;
    let costliest_by = |cost: fn(&Second) -> u64| {
        let mut by_role: Vec<(String, u64)> = Vec::new();
        for second in seconds.iter().filter(|s| cost(s) > 0) {
            let at = unix(second.time);
            let Some(culprit) = restarts.iter().rfind(|m| went_down(m).is_some_and(|down| down <= at)) else {
                continue;
            };
            match by_role.iter_mut().find(|(role, _)| *role == culprit.role) {
                Some((_, total)) => *total += cost(second),
                None => by_role.push((culprit.role.clone(), cost(second))),
            }
        }
        by_role.into_iter().max_by_key(|(_, total)| *total).map(|(role, _)| role)
    };
    costliest_by(|s| s.short).or_else(|| costliest_by(|s| s.errors))
}

/// When a process began to go down: the stop signal it logged, as a
/// graceful stop hands work over (and searches may come back short) for
/// seconds before the process exits.
fn went_down(member: &Member) -> Option<DateTime<Utc>> {
    member.stop_requested_at.or(member.stopped_at)
}

/// `querynode-2` for `<project>-querynode-2`.
fn short_name(member: &Member) -> String {
    format!("{}-{}", member.role, member.number)
}

fn unix(seconds: f64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis((seconds * 1000.0) as i64).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process of `role` that stopped at `stop` and started at `start`
    /// (seconds after an arbitrary epoch).
    fn restarted(role: &str, number: u32, stop: f64, start: f64) -> Member {
        Member {
            role: role.to_owned(),
            container: format!("p-{role}-{number}"),
            number,
            state: "running".to_owned(),
            exit_code: 0,
            health: "healthy".to_owned(),
            metrics: None,
            started_at: Some(unix(start)),
            stopped_at: Some(unix(stop)),
            stop_requested_at: None,
            memory_limit: 0,
        }
    }

    fn second(time: f64, short: u64) -> Second {
        Second { time, searches: 10, short, errors: 0, insert_errors: 0, unreachable: 0, acked: Vec::new() }
    }

    fn in_order() -> Vec<Member> {
        vec![
            restarted("mixcoord", 1, 10.0, 12.0),
            restarted("indexnode", 1, 20.0, 21.0),
            restarted("datanode", 1, 30.0, 31.0),
            restarted("querynode", 1, 40.0, 41.0),
            restarted("querynode", 2, 60.0, 61.0),
            restarted("proxy", 1, 80.0, 81.0),
        ]
    }

    #[test]
    fn order_wants_the_coordinator_first_the_proxy_last_and_no_overlap() {
        let members = in_order();
        let restarts: Vec<&Member> = members.iter().collect();
        assert!(order(&restarts, members.len()).holds);

        let mut proxy_early = in_order();
        proxy_early[5] = restarted("proxy", 1, 15.0, 16.0);
        proxy_early.sort_by_key(|m| m.stopped_at);
        let restarts: Vec<&Member> = proxy_early.iter().collect();
        assert!(!order(&restarts, proxy_early.len()).holds);

        // `docker compose restart`: every stop before any start.
        let at_once: Vec<Member> = in_order()
            .into_iter()
            .enumerate()
            .map(|(i, m)| restarted(&m.role, m.number, 10.0 + i as f64 * 0.1, 20.0 + i as f64))
            .collect();
        let restarts: Vec<&Member> = at_once.iter().collect();
        let verdict = order(&restarts, at_once.len());
        assert!(!verdict.holds);
        assert!(verdict.observed.ends_with("some overlapping"), "{}", verdict.observed);
    }

    #[test]
    fn whole_between_reads_the_seconds_before_the_next_node_went_down() {
        let members = in_order();
        let restarts: Vec<&Member> = members.iter().collect();
        // Short results from 43 to 50, then whole until the second node stops at 60.
        let waited: Vec<Second> = (42..60).map(|t| second(t as f64, if t <= 50 { 5 } else { 0 })).collect();
        assert!(whole_between(&Ok(waited), &restarts).holds);
        // Short until it stopped.
        let hurried: Vec<Second> = (42..60).map(|t| second(t as f64, if t >= 45 { 5 } else { 0 })).collect();
        assert!(!whole_between(&Ok(hurried), &restarts).holds);
    }

    /// Seen in CI: the second node's graceful stop, signalled at 55, handed
    /// its segments over with short results until it exited at 60. What
    /// counts is the seconds before the signal.
    #[test]
    fn whole_between_ends_when_the_next_node_was_asked_to_stop() {
        let mut members = in_order();
        members[4].stop_requested_at = Some(unix(55.0));
        let restarts: Vec<&Member> = members.iter().collect();
        let graceful: Vec<Second> =
            (42..60).map(|t| second(t as f64, if t <= 50 || t >= 57 { 5 } else { 0 })).collect();
        assert!(whole_between(&Ok(graceful), &restarts).holds);
        // Short until the signal: hurried all the same.
        let hurried: Vec<Second> = (42..60).map(|t| second(t as f64, if t >= 45 { 5 } else { 0 })).collect();
        assert!(!whole_between(&Ok(hurried), &restarts).holds);
    }

    #[test]
    fn short_results_are_charged_to_the_last_process_that_went_down() {
        let members = in_order();
        let restarts: Vec<&Member> = members.iter().collect();
        let record = Ok(vec![second(13.0, 1), second(45.0, 8), second(46.0, 9), second(65.0, 7), second(82.0, 2)]);
        assert_eq!(costliest_restart(&record, &restarts).as_deref(), Some("querynode"));
        let quiet = Ok(vec![second(13.0, 0)]);
        assert_eq!(costliest_restart(&quiet, &restarts), None);
        // No short result at all: the failed searches decide.
        let failing = |time: f64, errors: u64| Second { errors, ..second(time, 0) };
        let timed_out = Ok(vec![failing(13.0, 5), failing(45.0, 3), failing(82.0, 2)]);
        assert_eq!(costliest_restart(&timed_out, &restarts).as_deref(), Some("mixcoord"));
    }
}
