//! Version upgrade: a standalone on the version before the profile's Milvus
//! is upgraded in place, on the same etcd and volume. The trap measured on
//! 2.2.16 → 2.3.5: the new version keeps its message log (rocksmq) in another
//! folder, comes up healthy with every collection, index and load state, yet
//! the writes after the last flush are gone and deleted rows are back. The
//! check reads the server's version, etcd's sessions, the rows, and the new
//! server's log.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use lab_framework::probes::CollectionSpec;
use lab_framework::{
    Assertion, Baseline, CollectionFacts, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement,
    Setting, Weight, answer, drill,
};
use serde::{Deserialize, Serialize};

pub struct Upgrade;

// The check's assertions, in report order; the book lists them from `META`.
const BACKED_UP: &str = "backup/ holds an etcd snapshot and a copy of Milvus' volume";
const UPGRADED: &str = "Milvus answers as the new version";
const SESSIONS: &str = "every Milvus session in etcd is the new version's";
const LOG_CONTINUED: &str = "the new version continued the old message log";
const NOTHING_LOST: &str = "`books` kept its deletes and its unflushed rows";
const ANSWER_LOG: &str = "answers.toml: previous_message_log";

static META: LabMeta = LabMeta {
    id: "phase6/upgrade",
    title: "Upgrade Milvus in place",
    phase: 6,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 30,
    components: &["etcd", "rootcoord", "datanode"],
    // The upgrade from 2.2.16 is measured on the 2.3.5 stand-ins only.
    versions: &[MilvusVersion::V2_3],
    requirements: &[
        Requirement::Docker,
        Requirement::Compose,
        Requirement::Image("milvus"),
        Requirement::Image("milvus-previous"),
        Requirement::Image("etcd"),
        Requirement::Image("object-store"),
        Requirement::Python,
        Requirement::MemoryMib(2048),
    ],
    // Sessions of the stopped old version expire sooner.
    settings: &[Setting::PreviousMilvus, Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[BACKED_UP, UPGRADED, SESSIONS, LOG_CONTINUED, NOTHING_LOST, ANSWER_LOG],
};

const BOOKS: &str = "books";
/// Flushed first; then the first `DELETED` of them deleted, and `UNFLUSHED`
/// more inserted: both live only in the message log at the upgrade.
const FLUSHED: i64 = 3_000;
const DELETED: i64 = 100;
const UNFLUSHED: i64 = 200;
const SNAPSHOT_FILE: &str = "backup/pre-upgrade.db";
/// Where the copy of the old volume goes; the check looks for its `data/`.
const VOLUME_COPY: &str = "backup/volume";
/// What the lab saw of the old version at setup.
const BEFORE: &str = "before-upgrade.json";
/// How long the rows may take to come back after the upgrade: the new version
/// loads `books` again by itself (measured 25 to 35 s).
const SETTLE: Duration = Duration::from_secs(75);

#[derive(Serialize, Deserialize)]
struct Before {
    /// Where the old version's message log is, from its own log.
    message_log: String,
}

/// `answers.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    previous_message_log: String,
}

impl Lab for Upgrade {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// `books` on the old version: flushed rows, then deletes and inserts
    /// that are not flushed, loaded; the rows expected after the upgrade as
    /// the baseline, and the old version's message-log folder.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if Baseline::load(ctx, Instance::First)?.is_some() {
            return Ok(());
        }
        let upgrade = ctx.fixture.version.upgrade().context("no upgrade to this version is measured")?;
        let milvus = ctx.milvus()?;
        let server_version = milvus.server_version()?;
        if !server_version.contains(upgrade.from) {
            bail!(
                "the lab's Milvus answers {server_version}, not {}: `cargo xtask reset phase6/upgrade`",
                upgrade.from
            );
        }
        if !milvus.has_collection(BOOKS)? {
            let spec = CollectionSpec {
                name: BOOKS,
                primary_key: "id",
                vector_field: "vector",
                dimension: 8,
                scalar_fields: &[],
            };
            // 2.2 has no COSINE, the default index's metric.
            milvus.create_collection_flat_l2(&spec)?;
            milvus.insert_rows(BOOKS, drill::seeded_rows(0..FLUSHED))?;
            flush_on_the_old_version(&milvus)?;
            // 2.2 deletes by primary keys listed with `in` only.
            let deleted: Vec<String> = (0..DELETED).map(|id| id.to_string()).collect();
            milvus.delete(BOOKS, &format!("id in [{}]", deleted.join(",")))?;
            milvus.insert_rows(BOOKS, drill::seeded_rows(FLUSHED..FLUSHED + UNFLUSHED))?;
        }
        let log = ctx.fixture.milvus_log()?;
        let message_log = opened_message_log(&log, upgrade.message_log_opened)
            .context("the old version's log names no message-log folder")?;
        ctx.save_setup_record(BEFORE, &Before { message_log })?;
        // 2.2 has no count(*): the expected rows are the ids the seed left.
        let facts = CollectionFacts::of_keys(BOOKS, "id", (DELETED..FLUSHED + UNFLUSHED).collect());
        Baseline::of(ctx, Instance::First, vec![facts]).save(ctx)
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let upgrade = ctx.fixture.version.upgrade().context("no upgrade to this version is measured")?;
        let before = ctx.setup_record::<Before>(BEFORE)?.context(
            "this deployment has no record of its old version; `cargo xtask reset phase6/upgrade` seeds one",
        )?;
        let baseline = Baseline::required(ctx, Instance::First)?;
        let version = ctx.milvus().and_then(|milvus| milvus.server_version());
        let upgraded = version.as_ref().is_ok_and(|v| v.starts_with(&format!("v{}.", ctx.fixture.version.label())));

        let mut checks = vec![backed_up(ctx)];
        let expected_version = format!("v{}.x", ctx.fixture.version.label());
        checks.push(match &version {
            Ok(version) => Assertion::that(UPGRADED, upgraded, &expected_version, version, UPGRADE_HINT),
            Err(error) => Assertion::probe_failed(UPGRADED, &expected_version, error, UPGRADE_HINT),
        });
        checks.push(sessions(ctx, upgraded));
        checks.push(log_continued(ctx, &before, upgrade.message_log_opened, upgrade.message_log_missing, upgraded));
        checks.push(nothing_lost(ctx, &baseline, upgraded));
        let answers = ctx.answers::<Answers>("answers.toml");
        checks.push(Assertion::equal(
            ANSWER_LOG,
            &before.message_log,
            answer(&answers, |a| a.previous_message_log.trim().to_owned()),
            "the folder the old version's milvus.yaml gives `rocksmq.path`: `docker compose cp \
             standalone:/milvus/configs/milvus.yaml old.yaml` before the upgrade, or its log's \
             `initializing global rmq` line",
        ));
        Ok(checks)
    }
}

const UPGRADE_HINT: &str = "recreate the standalone on the new image, on the same volume: \
                            `export MILVUS_RUN_IMAGE=$MILVUS_IMAGE`, then `docker compose up --detach --wait standalone`";

/// Seals `books` and waits until its rows are in flushed segments: the SDK's
/// flush expects a flush timestamp in the answer, which 2.2 does not send.
fn flush_on_the_old_version(milvus: &lab_framework::probes::Milvus) -> Result<()> {
    milvus.seal(&[BOOKS])?;
    let flushed = drill::settle(
        Duration::from_secs(60),
        Duration::from_millis(500),
        || milvus.flushed_segment_rows(BOOKS).map(|rows| rows.iter().sum::<i64>()),
        |flushed| flushed.as_ref().map_or(true, |rows| *rows >= FLUSHED),
    )?;
    if flushed < FLUSHED {
        bail!("{BOOKS} has {flushed} of {FLUSHED} rows flushed after 60 s");
    }
    Ok(())
}

/// The folder of the last `opened` line in a Milvus log:
/// `... ["initializing global rmq"] [path=/var/lib/milvus/rocketmq]`.
fn opened_message_log(log: &str, opened: &str) -> Option<String> {
    log.lines()
        .rev()
        .find_map(|line| line.split_once(opened).map(|(_, rest)| rest))
        .map(|rest| rest.split(']').next().unwrap_or_default().to_owned())
}

/// A valid etcd snapshot, and a copy of the volume with the message log in it.
fn backed_up(ctx: &LabContext) -> Assertion {
    let snapshot = drill::etcd_snapshot_saved(ctx, BACKED_UP, SNAPSHOT_FILE);
    let copied = ctx.work_dir.join(VOLUME_COPY).join("data").is_dir();
    let expected = "a valid snapshot and the volume's folders";
    let observed = match (snapshot.holds, copied) {
        (true, true) => expected.to_owned(),
        (false, _) => snapshot.observed.clone(),
        (true, false) => format!("no {VOLUME_COPY}/data"),
    };
    Assertion::that(
        BACKED_UP,
        snapshot.holds && copied,
        expected,
        observed,
        "the way back from an upgrade is the backup (the old version cannot open the new one's files): before \
         it, `etcdctl snapshot save` into backup/pre-upgrade.db, and with the standalone stopped, `docker \
         compose cp standalone:/var/lib/milvus backup/volume`",
    )
}

/// Every session under `by-dev/meta/session/` names the new version. The
/// stopped old server's sessions stay until their lease expires (10 s here).
fn sessions(ctx: &LabContext, upgraded: bool) -> Assertion {
    const HINT: &str = "upgrade every process: `etcdctl get --prefix by-dev/meta/session/` shows each one's \
                        \"Version\"; an old server's sessions expire 10 s after it stops";
    let wanted = ctx.fixture.version.label();
    let expected = format!("all {wanted}.x");
    let all_new = |versions: &Result<Vec<String>>| {
        versions.as_ref().is_ok_and(|v| !v.is_empty() && v.iter().all(|v| v.starts_with(wanted)))
    };
    // Only an upgraded server is worth waiting for.
    let limit = if upgraded { Duration::from_secs(30) } else { Duration::ZERO };
    let versions = drill::settle(limit, Duration::from_secs(2), || session_versions(ctx), all_new);
    let holds = all_new(&versions);
    match versions {
        Ok(versions) => {
            let mut seen = versions.clone();
            seen.sort();
            seen.dedup();
            let observed = if holds { expected.clone() } else { format!("{} ({})", seen.join(", "), versions.len()) };
            Assertion::that(SESSIONS, holds, &expected, observed, HINT)
        }
        Err(error) => Assertion::probe_failed(SESSIONS, &expected, &error, HINT),
    }
}

/// The `Version` of each Milvus session in etcd.
fn session_versions(ctx: &LabContext) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Session {
        #[serde(rename = "Version")]
        version: String,
    }
    // The server-ID counter sits beside the sessions: it is no session.
    Ok(ctx
        .etcd()?
        .entries("by-dev/meta/session/")?
        .into_iter()
        .filter_map(|(_, value)| serde_json::from_str::<Session>(&value).ok())
        .map(|session| session.version)
        .collect())
}

/// The running server opened the old version's message-log folder and found
/// every position its checkpoints point to.
fn log_continued(ctx: &LabContext, before: &Before, opened: &str, missing: &str, upgraded: bool) -> Assertion {
    const HINT: &str = "the new version keeps its message log in another folder: give it the old one \
                        (`ROCKSMQ_PATH=<folder>` in a file named by MILVUS_ENV_FILE), or the writes since the \
                        last flush are gone. Restore the backup, or start over (`cargo xtask reset phase6/upgrade`), and \
                        upgrade again";
    let expected = format!("{} opened, no position missing", before.message_log);
    if !upgraded {
        return Assertion::that(LOG_CONTINUED, false, expected, "not upgraded", UPGRADE_HINT);
    }
    match ctx.fixture.milvus_log() {
        Ok(log) => {
            let folder = opened_message_log(&log, opened).unwrap_or_else(|| "no folder".to_owned());
            let lost = log.lines().filter(|line| line.contains(missing)).count();
            let holds = folder == before.message_log && lost == 0;
            let observed = if holds {
                expected.clone()
            } else if lost > 0 {
                format!("{folder} opened; {lost} times \"{missing}\"")
            } else {
                format!("{folder} opened")
            };
            Assertion::that(LOG_CONTINUED, holds, expected, observed, HINT)
        }
        Err(error) => Assertion::probe_failed(LOG_CONTINUED, expected, &error, HINT),
    }
}

/// The rows the seed left, read at Strong consistency, once the new version
/// has loaded `books` again.
fn nothing_lost(ctx: &LabContext, baseline: &Baseline, upgraded: bool) -> Assertion {
    const HINT: &str = "the deleted rows came back and the unflushed ones are gone when the new version starts on \
                        an empty message log; restore the backup (etcd snapshot and volume), or start over (`cargo \
                        xtask reset phase6/upgrade`), and upgrade again with the old folder";
    if !upgraded {
        let expected = baseline.collections.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        return Assertion::that(NOTHING_LOST, false, expected, "not upgraded", UPGRADE_HINT);
    }
    // Reads fail while the new version loads `books` and catches up; rows it
    // did read are final once a second read a few seconds later agrees.
    let mut last_read: Option<String> = None;
    let (compared, _) = drill::settle(
        SETTLE,
        Duration::from_secs(3),
        || {
            let compared = baseline.compare(ctx, NOTHING_LOST, HINT);
            let read = !compared.observed.starts_with("error:");
            let agrees = read && last_read.as_ref() == Some(&compared.observed);
            last_read = read.then(|| compared.observed.clone());
            (compared, agrees)
        },
        |(compared, agrees)| compared.holds || *agrees,
    );
    compared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_folder_of_the_last_opened_message_log() {
        let opened = "[\"initializing global rmq\"] [path=";
        let log = "[INFO] [server/global_rmq.go:55] [\"initializing global rmq\"] [path=/var/lib/milvus/rocketmq]\n\
                   [INFO] other\n\
                   [DEBUG] [server/global_rmq.go:39] [\"initializing global rmq\"] [path=/var/lib/milvus/rdb_data]\n";
        assert_eq!(opened_message_log(log, opened).as_deref(), Some("/var/lib/milvus/rdb_data"));
        assert_eq!(opened_message_log("[INFO] nothing", opened), None);
    }
}
