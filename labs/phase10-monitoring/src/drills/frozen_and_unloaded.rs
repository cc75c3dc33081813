//! Drill: two causes behind one complaint. After a maintenance window the
//! application can neither search `orders` nor write to it: someone
//! released the collection, and the write freeze (`forceDeny` in etcd) was
//! never lifted. The learner tells the two refusals apart by their words and
//! fixes both.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use lab_framework::drill::{seed_collections, seeded_rows};
use lab_framework::probes::Milvus;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, answer,
};
use serde::Deserialize;

pub struct FrozenAndUnloaded;

// The check's assertions, in report order; the book lists them from `META`.
const SEARCH_SERVED: &str = "a search on `orders` is served";
const INSERT_ACCEPTED: &str = "an insert into `orders` is accepted";
const NOTHING_LOST: &str = "nothing lost: every collection has its rows and primary keys";
const ANSWER_SEARCH: &str = "diagnosis.toml: search_error";
const ANSWER_INSERT: &str = "diagnosis.toml: insert_error";

static META: LabMeta = LabMeta {
    id: "phase10/frozen-and-unloaded",
    title: "Drill: neither searches nor writes",
    phase: 10,
    // forceDeny is read from etcd, which the Standalone mode embeds without
    // reading settings from it on 2.3.5.
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 20,
    components: &["rootcoord", "querycoord"],
    // The refusal texts are 2.3.5's, measured.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[SEARCH_SERVED, INSERT_ACCEPTED, NOTHING_LOST, ANSWER_SEARCH, ANSWER_INSERT],
};

/// `quotaAndLimits.limitWriting.forceDeny` as Milvus reads it from etcd.
const FORCE_DENY: &str = "by-dev/config/quotaAndLimits/limitWriting/forceDeny";
/// The check's own row, far from the seeded keys; deleted right after.
const PROBE_ID: i64 = 900_000_002;
/// What `try_insert` says when the row went in (and out again).
const ACCEPTED: &str = "accepted";
/// Far longer than Milvus takes to pick the switch up (its config refresh,
/// then the quota center's next round: seconds).
const FREEZE_WAIT: Duration = Duration::from_secs(60);

/// `diagnosis.toml`: each refusal in the server's words.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Diagnosis {
    search_error: String,
    insert_error: String,
}

impl Lab for FrozenAndUnloaded {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// The data, then the maintenance window's leftovers: `orders` released
    /// and writes frozen.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if seed_collections(ctx, Instance::First)? {
            ctx.milvus()?.release_collection("orders")?;
            ctx.etcd()?.put(FORCE_DENY, b"true")?;
            wait_for_the_freeze(ctx)?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let version = ctx.fixture.version;
        let milvus = ctx.milvus()?;
        let search = match milvus.search_many_bounded("orders", "vector", vec![vec![0.5; 8]], 3) {
            Ok(_) => "served".to_owned(),
            Err(error) => format!("refused: {}", innermost(&error)),
        };
        // Before the probe write, so the probe cannot disturb the comparison.
        let nothing_lost = baseline.compare(
            ctx,
            NOTHING_LOST,
            "neither a release nor a freeze deletes anything: a loss comes from a drop or a delete",
        );
        let insert = try_insert(&milvus);
        let diagnosis = ctx.answers::<Diagnosis>("diagnosis.toml");
        let quotes =
            |field: fn(&Diagnosis) -> &str, words: &str| diagnosis.as_ref().is_ok_and(|d| field(d).contains(words));
        Ok(vec![
            Assertion::equal(
                SEARCH_SERVED,
                "served",
                search,
                "a released collection is not in memory: client.load_collection(\"orders\")",
            ),
            Assertion::equal(
                INSERT_ACCEPTED,
                ACCEPTED,
                insert,
                "the freeze is a setting in etcd, not a property of the collection: look under by-dev/config/",
            ),
            nothing_lost,
            Assertion::that(
                ANSWER_SEARCH,
                quotes(|d| &d.search_error, version.not_loaded_error()),
                format!("the search's refusal, with `{}`", version.not_loaded_error()),
                answer(&diagnosis, |d| without_collection_id(&d.search_error)),
                "copy the message of the refused search, after message=",
            ),
            Assertion::that(
                ANSWER_INSERT,
                quotes(|d| &d.insert_error, version.force_deny_error()),
                format!("the insert's refusal, with `{}`", version.force_deny_error()),
                answer(&diagnosis, |d| d.insert_error.trim().to_owned()),
                "copy the message of the refused insert, after message=",
            ),
        ])
    }
}

/// Milvus reads the switch from etcd within seconds, not at once (in CI a
/// solution that started right after setup saw its first insert accepted and
/// had no refusal to quote): the drill starts once writes are refused. The
/// probe is a delete of a row that does not exist, which changes nothing
/// when it is accepted; a probe insert could be accepted and then its own
/// delete refused, leaving a row the baseline does not have (seen once).
/// The freeze stops inserts and deletes in the same step.
fn wait_for_the_freeze(ctx: &LabContext) -> Result<()> {
    let milvus = ctx.milvus()?;
    let refusal = ctx.fixture.version.force_deny_error();
    let started = Instant::now();
    loop {
        match milvus.delete("orders", &format!("id == {PROBE_ID}")) {
            Err(error) if innermost(&error).contains(refusal) => return Ok(()),
            Err(error) => bail!("waiting for the write freeze, a delete was refused: {}", innermost(&error)),
            Ok(_) => {}
        }
        if started.elapsed() > FREEZE_WAIT {
            bail!("writes are still accepted {} s after {FORCE_DENY} was set", FREEZE_WAIT.as_secs());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// The check's own row, inserted into `orders` and deleted again if
/// accepted: `accepted`, or the refusal in the server's words.
fn try_insert(milvus: &Milvus) -> String {
    match milvus.insert_rows("orders", seeded_rows(PROBE_ID..PROBE_ID + 1)) {
        Ok(_) => match milvus.delete("orders", &format!("id == {PROBE_ID}")) {
            Ok(_) => ACCEPTED.to_owned(),
            Err(error) => format!("accepted, but its delete was refused: {}", innermost(&error)),
        },
        Err(error) => format!("refused: {}", innermost(&error)),
    }
}

/// The server's words: the innermost cause's first line.
fn innermost(error: &anyhow::Error) -> String {
    let cause = error.chain().last().map(ToString::to_string).unwrap_or_default();
    cause.lines().next().unwrap_or_default().to_owned()
}

/// A refusal without the collection's id, which differs on every run:
/// `collection not loaded[collection=4709…]` -> `collection not loaded`.
fn without_collection_id(text: &str) -> String {
    text.split("[collection=").next().unwrap_or_default().trim().to_owned()
}
