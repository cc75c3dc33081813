//! Milvus Standalone (in Compose) with the operator's own configuration file,
//! and what a new container keeps. The learner copies the image's
//! milvus.yaml out, changes `log.level`, and recreates Milvus with the file
//! mounted (what an image upgrade does to the container); then recreates it
//! once more without its volume, and sees what only that volume held: the
//! rows not yet flushed (measured on 2.3.5: 1,000 flushed rows kept, 300
//! unflushed rows gone, Milvus healthy again after 17 s).

use anyhow::Result;
use lab_framework::drill::seed_collections;
use lab_framework::probes::log_level;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, answer,
};
use serde::Deserialize;

pub struct OwnConfig;

// The check's assertions, in report order; the book lists them from `META`.
const FILE_SAYS: &str = "the configuration file Milvus reads sets log.level: warn";
const RUNS_AT: &str = "Milvus runs at log level warn (GET /log/level)";
const DRAFTS_GONE: &str = "`drafts` lost its unflushed rows: Milvus was recreated without its volume";
const NOTHING_LOST: &str = "nothing lost: every flushed collection has its rows and primary keys";
const ANSWER_WITH: &str = "volume.toml: drafts_after_recreate";
const ANSWER_WITHOUT: &str = "volume.toml: drafts_after_new_volume";

static META: LabMeta = LabMeta {
    id: "phase2/own-config",
    title: "Your own milvus.yaml, and what a new container keeps",
    phase: 2,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["proxy", "wal", "objectstorage"],
    // The task mounts a full milvus.yaml, as 2.3 needs (the version module's
    // operator_config_file); 2.5 and later read user.yaml, untested here.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[Setting::MilvusConfigFromEnvironment],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[FILE_SAYS, RUNS_AT, DRAFTS_GONE, NOTHING_LOST, ANSWER_WITH, ANSWER_WITHOUT],
};

const LEVEL: &str = "warn";
/// What the learner's `drafts.py` writes and never flushes.
const DRAFTS: &str = "drafts";
const DRAFT_ROWS: u64 = 300;

/// `volume.toml`: the rows `drafts` had after each recreation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Volume {
    drafts_after_recreate: u64,
    drafts_after_new_volume: u64,
}

impl Lab for OwnConfig {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        seed_collections(ctx, Instance::First).map(|_| ())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let path = ctx.fixture.version.operator_config_file();
        let file_level = match ctx.fixture.operator_config_value("log.level") {
            Ok(Some(level)) => level,
            Ok(None) => format!("{path} sets no log.level"),
            Err(error) => format!("unreadable: {error:#}"),
        };
        let http = ctx.fixture.endpoints.http.as_deref().unwrap_or_default();
        let live_level = log_level(http).unwrap_or_else(|error| format!("no answer: {error:#}"));
        let milvus = ctx.milvus()?;
        let drafts = if milvus.has_collection(DRAFTS)? {
            match milvus.count(DRAFTS) {
                Ok(rows) => format!("{rows} rows"),
                Err(error) => format!("cannot count: {error:#}"),
            }
        } else {
            "no such collection (run python drafts.py first)".to_owned()
        };
        let volume = ctx.answers::<Volume>("volume.toml");
        Ok(vec![
            Assertion::equal(
                FILE_SAYS,
                LEVEL,
                &file_level,
                &format!(
                    "2.3 reads only {path}: mount your whole copy there (MILVUS_CONFIG_FILE, MILVUS_CONFIG_MOUNT), \
                     then docker compose up --detach --wait standalone"
                ),
            ),
            Assertion::equal(
                RUNS_AT,
                LEVEL,
                &live_level,
                "a mount changes only a new container: `docker compose restart` keeps the old one",
            ),
            Assertion::equal(
                DRAFTS_GONE,
                "0 rows",
                &drafts,
                "python drafts.py, then docker compose rm --stop --force standalone, \
                 docker volume rm \"${COMPOSE_PROJECT_NAME}_milvus\", docker compose up --detach --wait standalone",
            ),
            baseline.compare(
                ctx,
                NOTHING_LOST,
                "flushed segments are in the bucket and their metadata in etcd: no Milvus container holds them",
            ),
            Assertion::equal(
                ANSWER_WITH,
                DRAFT_ROWS,
                answer(&volume, |v| v.drafts_after_recreate.to_string()),
                "a recreated container on the same volume replays the log it kept",
            ),
            Assertion::equal(
                ANSWER_WITHOUT,
                0,
                answer(&volume, |v| v.drafts_after_new_volume.to_string()),
                "count drafts again after the new volume: rows not yet flushed lived only in Milvus' log (rocksmq)",
            ),
        ])
    }
}
