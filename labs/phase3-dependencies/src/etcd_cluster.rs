//! An etcd cluster of three under Milvus: lose one member while Milvus keeps
//! serving, then replace it the way etcd's runbook does (`member remove`,
//! `member add`, a new member with its own name and peer URL that joins the
//! existing cluster). The check reads the live member list and proves
//! quorum, and that Milvus' data is unchanged.

use anyhow::Result;
use lab_framework::drill::{healthz, seed_collections};
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, answer,
};
use serde::Deserialize;

pub struct EtcdCluster;

// The check's assertions, in report order; the book lists them from `META`.
const QUORUM: &str = "etcd has quorum: a linearizable read succeeds";
const LOST_REMOVED: &str = "the lost member, etcd2, is no longer a member";
const REPLACEMENT_JOINED: &str = "a new member, etcd4, has joined and serves clients";
const MEMBERS_HEALTHY: &str = "three members, every one healthy (etcdctl endpoint health --cluster)";
const HEALTHY: &str = "Milvus is healthy";
const NOTHING_LOST: &str = "nothing lost: every collection has its rows and primary keys";
const ANSWER_QUORUM: &str = "quorum.toml: members_for_quorum";
const ANSWER_TOLERATED: &str = "quorum.toml: failures_tolerated";

static META: LabMeta = LabMeta {
    id: "phase3/etcd-cluster",
    title: "An etcd cluster of three: lose a member, replace it",
    phase: 3,
    mode: Mode::Compose,
    // Two more etcd processes than the stack, about 30 MiB each.
    weight: Weight::COMPOSE,
    minutes: 30,
    components: &["etcd"],
    // etcd's membership commands are the same under every Milvus; verified on 2.3.5.
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[Setting::EtcdCluster],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[
        QUORUM,
        LOST_REMOVED,
        REPLACEMENT_JOINED,
        MEMBERS_HEALTHY,
        HEALTHY,
        NOTHING_LOST,
        ANSWER_QUORUM,
        ANSWER_TOLERATED,
    ],
};

const LOST: &str = "etcd2";
const REPLACEMENT: &str = "etcd4";
/// A majority of the three members.
const MEMBERS_FOR_QUORUM: u32 = 2;
const FAILURES_TOLERATED: u32 = 1;

/// `quorum.toml`: what three members can survive.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Quorum {
    members_for_quorum: u32,
    failures_tolerated: u32,
}

impl Lab for EtcdCluster {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        seed_collections(ctx, Instance::First).map(|_| ())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let etcd = ctx.etcd()?;
        let quorum = match etcd.get("by-dev/meta/session/id") {
            Ok(_) => "answered".to_owned(),
            Err(error) => format!("refused: {error:#}"),
        };
        let members = etcd.members().unwrap_or_default();
        let listed =
            |name: &str| members.iter().any(|m| m.name == name || m.peer_urls.iter().any(|u| u.contains(name)));
        let started = |name: &str| members.iter().any(|m| m.name == name && !m.client_urls.is_empty());
        // Sorted: etcd lists members by their random ids.
        let mut described: Vec<String> = members
            .iter()
            .map(|m| {
                if m.client_urls.is_empty() {
                    format!("{} (not started)", m.peer_urls.join(" "))
                } else {
                    m.name.clone()
                }
            })
            .collect();
        described.sort();
        let health = match ctx.fixture.etcd_member_health() {
            Ok(members) => {
                let mut states: Vec<String> = members
                    .iter()
                    .map(|(url, healthy)| {
                        let host = url.trim_start_matches("http://").split(':').next().unwrap_or(url);
                        format!("{host} {}", if *healthy { "healthy" } else { "unhealthy" })
                    })
                    .collect();
                states.sort();
                let all = members.len() == 3 && members.iter().all(|(_, healthy)| *healthy);
                (all, format!("{} members: {}", members.len(), states.join(", ")))
            }
            Err(error) => (false, format!("no answer: {error:#}")),
        };
        let quorum_answer = ctx.answers::<Quorum>("quorum.toml");
        Ok(vec![
            Assertion::equal(
                QUORUM,
                "answered",
                &quorum,
                "two of three members must be up: docker compose ps etcd etcd2 etcd3 etcd4",
            ),
            Assertion::that(
                LOST_REMOVED,
                !listed(LOST),
                format!("{LOST} not in the member list"),
                described.join(", "),
                "a stopped member still counts towards quorum: etcdctl member remove <its id>",
            ),
            Assertion::that(
                REPLACEMENT_JOINED,
                started(REPLACEMENT),
                format!("{REPLACEMENT} started"),
                described.join(", "),
                "etcdctl member add etcd4 --peer-urls=http://etcd4:2380 first, then start etcd4 with what it printed",
            ),
            Assertion::that(
                MEMBERS_HEALTHY,
                health.0,
                "3 members, all healthy",
                health.1,
                "a lost member stays in the list until it is removed; with four members quorum needs three",
            ),
            Assertion::equal(
                HEALTHY,
                "200 OK",
                healthz(ctx)?,
                "Milvus reads and writes through any member of a cluster with quorum",
            ),
            baseline.compare(ctx, NOTHING_LOST, "membership changes keep every key: nothing should be restored"),
            Assertion::equal(
                ANSWER_QUORUM,
                MEMBERS_FOR_QUORUM,
                answer(&quorum_answer, |q| q.members_for_quorum.to_string()),
                "a quorum is a majority of the members: floor(n / 2) + 1",
            ),
            Assertion::equal(
                ANSWER_TOLERATED,
                FAILURES_TOLERATED,
                answer(&quorum_answer, |q| q.failures_tolerated.to_string()),
                "the members that may be lost while a majority stays up",
            ),
        ])
    }
}
