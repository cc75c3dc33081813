//! In-memory replicas and losing a node: a query node is killed under search
//! traffic; the coordinator notices only when its etcd session expires. The
//! learner measures that window, shortens it with the session TTL, and
//! measures again.

use anyhow::Result;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, answer,
};
use serde::Deserialize;

pub struct LoseANode;

// The check's assertions, in report order; the book lists them from `META`.
const TTL_LOWERED: &str = "the query nodes run with a session TTL of at most 15 s";
const DEFAULT_DRILL: &str = "drills.jsonl: a drill at the default TTL";
const FASTER_DRILL: &str = "drills.jsonl: the last drill's node was declared dead sooner, within its TTL";
const ANSWER_WINDOW: &str = "window.toml: default_window_seconds";
const NOTHING_LOST: &str = "`catalog` kept its rows and is loaded";

static META: LabMeta = LabMeta {
    id: "phase6/lose-a-node",
    title: "In-memory replicas and losing a node",
    phase: 6,
    mode: Mode::Cluster,
    weight: Weight::CLUSTER,
    minutes: 30,
    components: &["querycoord", "querynode", "etcd", "proxy"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5],
    requirements: Requirement::CLUSTER_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[TTL_LOWERED, DEFAULT_DRILL, FASTER_DRILL, ANSWER_WINDOW, NOTHING_LOST],
};

/// Milvus' `common.session.ttl`, in seconds.
const DEFAULT_TTL: u64 = 30;
const LOWERED_TTL: u64 = 15;
/// How much later than its TTL a node may be declared dead (the coordinator's
/// own polling, and drill.py's once a second).
const GRACE_SECONDS: f64 = 5.0;
/// How far the learner's figure may be from the measured one.
const ANSWER_TOLERANCE: f64 = 1.5;

/// One line of drills.jsonl, as drill.py writes it.
#[derive(Deserialize)]
struct Drill {
    session_ttl_seconds: u64,
    declared_dead_after_seconds: f64,
}

/// `window.toml`: the learner's reading of the first drill.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Window {
    default_window_seconds: f64,
}

impl Lab for LoseANode {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// `catalog` loaded as two replicas, one per query node, and the
    /// baseline the check compares after the kills.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if Baseline::load(ctx, Instance::First)?.is_some() {
            return Ok(());
        }
        crate::seed_catalog(ctx, 2)?;
        Baseline::record(ctx, Instance::First, &[(crate::CATALOG, "id")])?.save(ctx)
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        const TTL_HINT: &str = "set common.session.ttl for every Milvus process: `export SESSION_TTL_SECONDS=10`, \
                                then `docker compose up --detach --wait` recreates them with it";
        let ttl = ctx
            .fixture
            .service_environment("querynode")?
            .iter()
            .find_map(|entry| entry.strip_prefix("COMMON_SESSION_TTL=").map(str::to_owned))
            .and_then(|value| value.parse::<u64>().ok())
            .unwrap_or(DEFAULT_TTL);
        let mut checks = vec![Assertion::that(
            TTL_LOWERED,
            ttl <= LOWERED_TTL,
            format!("at most {LOWERED_TTL} s"),
            format!("{ttl} s"),
            TTL_HINT,
        )];

        let drills = crate::read_jsonl::<Drill>(ctx, "drills.jsonl");
        let default_drill = drills.as_ref().ok().and_then(|d| d.iter().find(|d| d.session_ttl_seconds == DEFAULT_TTL));
        const DEFAULT_HINT: &str = "run `python drill.py` once before you change anything: it is the measurement \
                                    the change is compared with";
        let expected = format!("a drill at TTL {DEFAULT_TTL}");
        checks.push(match (&drills, default_drill) {
            (Err(error), _) => Assertion::that(DEFAULT_DRILL, false, &expected, error, DEFAULT_HINT),
            (Ok(_), Some(_)) => Assertion::equal(DEFAULT_DRILL, &expected, &expected, DEFAULT_HINT),
            (Ok(drills), None) => Assertion::that(
                DEFAULT_DRILL,
                false,
                &expected,
                format!("{} drills, none at TTL 30", drills.len()),
                DEFAULT_HINT,
            ),
        });

        checks.push(faster_drill(&drills, default_drill));

        let window = ctx.answers::<Window>("window.toml");
        const WINDOW_HINT: &str = "copy the first drill's \"declared dead after\" seconds from drill.py's output \
                                   (or drills.jsonl): the window is measured, not the TTL itself";
        let expected = format!("the first drill's window (±{ANSWER_TOLERANCE} s)");
        checks.push(match (default_drill, &window) {
            (Some(drill), Ok(window)) => {
                let holds =
                    (window.default_window_seconds - drill.declared_dead_after_seconds).abs() <= ANSWER_TOLERANCE;
                let observed = if holds {
                    expected.clone()
                } else {
                    format!("{} s, measured {} s", window.default_window_seconds, drill.declared_dead_after_seconds)
                };
                Assertion::that(ANSWER_WINDOW, holds, &expected, observed, WINDOW_HINT)
            }
            (None, _) => {
                Assertion::that(ANSWER_WINDOW, false, &expected, "no drill at TTL 30 to compare with", WINDOW_HINT)
            }
            (Some(_), Err(_)) => Assertion::that(
                ANSWER_WINDOW,
                false,
                &expected,
                answer(&window, |w| w.default_window_seconds.to_string()),
                WINDOW_HINT,
            ),
        });

        let baseline = Baseline::required(ctx, Instance::First)?;
        checks.push(crate::compare_settled(
            ctx,
            &baseline,
            NOTHING_LOST,
            "a killed node loses no data (it is in the object store); if `catalog` is not loaded, wait for the \
             coordinator to load it again after a restart, or load it: client.load_collection(\"catalog\", \
             replica_number=2)",
        ));
        Ok(checks)
    }
}

/// The last drill ran at a lowered TTL, its node was declared dead within
/// that TTL (and the grace), and sooner than at the default.
fn faster_drill(drills: &std::result::Result<Vec<Drill>, String>, default_drill: Option<&Drill>) -> Assertion {
    const HINT: &str = "lower the TTL, recreate the Milvus processes, `eval \"$(cargo xtask env)\"` (the proxy's \
                        port changes), and run `python drill.py` again";
    let expected = format!("declared dead within its TTL + {GRACE_SECONDS} s, sooner than at TTL {DEFAULT_TTL}");
    let last = match drills {
        Err(error) => return Assertion::that(FASTER_DRILL, false, &expected, error, HINT),
        Ok(drills) => drills.last(),
    };
    let Some(last) = last else {
        return Assertion::that(FASTER_DRILL, false, &expected, "no drill", HINT);
    };
    let within_ttl = last.declared_dead_after_seconds <= last.session_ttl_seconds as f64 + GRACE_SECONDS;
    let sooner = default_drill.is_some_and(|d| last.declared_dead_after_seconds < d.declared_dead_after_seconds);
    let holds = last.session_ttl_seconds < DEFAULT_TTL && within_ttl && sooner;
    // The seconds differ run to run: a passing report repeats the rule.
    let observed = if holds {
        expected.clone()
    } else {
        format!(
            "last drill: TTL {} s, declared dead after {} s",
            last.session_ttl_seconds, last.declared_dead_after_seconds
        )
    };
    Assertion::that(FASTER_DRILL, holds, expected, observed, HINT)
}
