//! Memory with mmap: a loaded collection lives in the query node's anonymous
//! memory unless Milvus maps it from files. The check reads the server
//! process's own `/proc`: where its loaded fields are mapped from, and how
//! much anonymous memory it holds against the seed's fresh start without mmap.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use lab_framework::probes::{CollectionSpec, FieldData, ScalarKind};
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, answer,
};
use serde::{Deserialize, Serialize};

pub struct MmapMemory;

// The check's assertions, in report order; the book lists them from `META`.
const MMAP_ON: &str = "Milvus runs with an mmap directory (QUERYNODE_MMAPDIRPATH)";
const MAPPED: &str = "catalog's loaded fields are mapped from files in that directory";
const ANON_DOWN: &str = "with catalog loaded, anonymous memory is at least half the data's size below the seed's";
const NOTHING_LOST: &str = "catalog is loaded and whole (row count and primary keys as seeded)";
const ANSWER_SWITCH: &str = "memory.toml: switch (what turns mmap on in this version)";
const ANSWER_FIGURES: &str = "memory.toml: your RssAnon figures show the drop";

static META: LabMeta = LabMeta {
    id: "phase7/mmap-memory",
    title: "Memory with mmap: the loaded data moves out of the heap",
    phase: 7,
    mode: Mode::Compose,
    // The Compose stack, and 91 MB of data loaded (about 530 MB of Milvus without mmap).
    weight: Weight(800),
    minutes: 25,
    components: &["querynode"],
    // The one switch, the no-op property and the deleted files are measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // A short session TTL: the learner restarts Milvus, and its first calls
    // after a restart wait out the old sessions.
    settings: &[Setting::MmapDirFromEnvironment, Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[MMAP_ON, MAPPED, ANON_DOWN, NOTHING_LOST, ANSWER_SWITCH, ANSWER_FIGURES],
};

const CATALOG: CollectionSpec = CollectionSpec {
    name: "catalog",
    primary_key: "id",
    vector_field: "v",
    dimension: 128,
    scalar_fields: &[("note", ScalarKind::VarChar { max_length: 512 })],
};
const ROWS: i64 = 100_000;
const BATCH: i64 = 10_000;
const NOTE_CHARS: usize = 400;
/// The loaded data's raw size: the vectors and the notes.
const DATA_MB: u64 = (ROWS as u64) * (128 * 4 + NOTE_CHARS as u64) / 1_000_000;
/// What "most of the data left the heap" means here: measured on 2.3.5, the
/// drop was about 1.4 times the data's size, and run-to-run noise about 20 MB.
const MIN_DROP_MB: u64 = DATA_MB / 2;
const MMAP_VARIABLE: &str = "QUERYNODE_MMAPDIRPATH";
/// The seed's reading of a fresh server with `catalog` loaded, mmap off.
const SEED_MEMORY: &str = "memory-without-mmap.toml";

#[derive(Serialize, Deserialize)]
struct SeedMemory {
    rss_anon_kib: u64,
}

/// `memory.toml`: what the learner measured and concluded.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    switch: String,
    rss_anon_mb_without_mmap: u64,
    rss_anon_mb_with_mmap: u64,
}

impl Lab for MmapMemory {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// 100,000 rows, flushed and loaded; then a restart, so the reading the
    /// check compares with is a fresh server holding `catalog`, as the
    /// learner's will be after their own restart.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if Baseline::load(ctx, Instance::First)?.is_some() {
            return Ok(());
        }
        let milvus = ctx.milvus()?;
        if milvus.has_collection(CATALOG.name)? {
            milvus.drop_collection(CATALOG.name)?;
        }
        // FLAT: no index build to wait for, and its data is mapped like the rest.
        milvus.create_collection_flat_l2(&CATALOG)?;
        for batch in 0..ROWS / BATCH {
            let ids: Vec<i64> = (batch * BATCH..(batch + 1) * BATCH).collect();
            let vectors =
                ids.iter().map(|id| (0..128).map(|k| ((id * 128 + k) as f32 * 0.61).sin()).collect()).collect();
            let notes = ids.iter().map(|id| note(*id)).collect();
            milvus.insert_columns(
                CATALOG.name,
                vec![
                    FieldData::int64(CATALOG.primary_key, ids),
                    FieldData::float_vector(CATALOG.vector_field, vectors),
                    FieldData::varchar("note", notes),
                ],
            )?;
        }
        milvus.flush(&[CATALOG.name])?;
        drop(milvus);
        ctx.restart_milvus()?;
        let milvus = ctx.milvus()?;
        milvus.load_collection(CATALOG.name)?;
        let rss_anon_kib = settled_rss_anon_kib(ctx)?;
        let path = ctx.run_dir.join(SEED_MEMORY);
        let text = toml::to_string(&SeedMemory { rss_anon_kib })?;
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        Baseline::record(ctx, Instance::First, &[(CATALOG.name, CATALOG.primary_key)])?.save(ctx)
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let path = ctx.run_dir.join(SEED_MEMORY);
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let seed: SeedMemory = toml::from_str(&text).with_context(|| format!("{} is malformed", path.display()))?;

        let mmap_dir = ctx
            .fixture
            .service_environment("standalone")?
            .iter()
            .find_map(|entry| entry.strip_prefix(MMAP_VARIABLE).and_then(|rest| rest.strip_prefix('=')))
            .unwrap_or_default()
            .to_owned();
        // The check reads memory with catalog loaded: the collection may still
        // be coming back after the learner's restart.
        let loaded = ctx.milvus().and_then(|milvus| milvus.load_collection(CATALOG.name));
        let (memory, mappings) = ctx.fixture.milvus_process()?;
        let (files, mapped_bytes) = mappings
            .iter()
            .filter(|m| !mmap_dir.is_empty() && m.path.starts_with(&format!("{}/", mmap_dir.trim_end_matches('/'))))
            .fold((0, 0), |(files, bytes), m| (files + 1, bytes + m.bytes));
        let mapped_mb = mapped_bytes / 1_000_000;
        let drop_mb = seed.rss_anon_kib.saturating_sub(memory.rss_anon_kib) * 1024 / 1_000_000;
        let answers = ctx.answers::<Answers>("memory.toml");
        let expected_switch = ctx.fixture.version.mmap_switch();
        Ok(vec![
            Assertion::equal(
                MMAP_ON,
                "a directory",
                if mmap_dir.is_empty() { "empty: mmap is off".to_owned() } else { "a directory".to_owned() },
                "export MMAP_DIR_PATH=/var/lib/milvus/mmap, then docker compose up --detach --wait standalone",
            ),
            Assertion::that(
                MAPPED,
                loaded.is_ok() && mapped_mb >= MIN_DROP_MB,
                format!("{MIN_DROP_MB} MB or more"),
                match loaded {
                    Err(error) => format!("catalog could not be loaded: {error:#}"),
                    Ok(()) => format!("{mapped_mb} MB in {files} files"),
                },
                "the mapped files are deleted right after mapping: look in /proc/<pid>/maps, not in the directory",
            )
            .measured(),
            Assertion::that(
                ANON_DOWN,
                drop_mb >= MIN_DROP_MB,
                format!("{MIN_DROP_MB} MB or more below"),
                format!(
                    "{drop_mb} MB below (seed {} MB, now {} MB)",
                    seed.rss_anon_kib * 1024 / 1_000_000,
                    memory.rss_anon_kib * 1024 / 1_000_000
                ),
                "on 2.3 the collection property mmap.enabled is accepted and ignored: the query node's directory is the switch",
            )
            .measured(),
            baseline.compare(ctx, NOTHING_LOST, "a restart keeps the data; the collection loads again on its own"),
            Assertion::equal(
                ANSWER_SWITCH,
                expected_switch,
                answer(&answers, |answers| answers.switch.trim().to_owned()),
                "the key you set, as milvus.yaml names it (section.key)",
            ),
            Assertion::that(
                ANSWER_FIGURES,
                answers.as_ref().is_ok_and(|answers| {
                    answers.rss_anon_mb_without_mmap.saturating_sub(answers.rss_anon_mb_with_mmap) >= MIN_DROP_MB
                }),
                format!("a drop of {MIN_DROP_MB} MB or more"),
                answer(&answers, |answers| {
                    format!("{} MB without, {} MB with mmap", answers.rss_anon_mb_without_mmap, answers.rss_anon_mb_with_mmap)
                }),
                "python memory.py with catalog loaded, once before and once after the restart with mmap (RssAnon)",
            )
            .measured(),
        ])
    }
}

/// The server's anonymous memory once it stops moving: right after a load
/// it still grows for a while (seen here: 280 MB at the load's return, 330 MB
/// a little later), and a reading taken too early would flatter a restart
/// without mmap.
fn settled_rss_anon_kib(ctx: &LabContext) -> Result<u64> {
    const STEADY_KIB: u64 = 3 * 1024;
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut last = ctx.fixture.milvus_process()?.0.rss_anon_kib;
    let mut steady = 0;
    while steady < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_secs(2));
        let now = ctx.fixture.milvus_process()?.0.rss_anon_kib;
        steady = if now.abs_diff(last) < STEADY_KIB { steady + 1 } else { 0 };
        last = now;
    }
    Ok(last)
}

/// A product note of `NOTE_CHARS` characters, different per row.
fn note(id: i64) -> String {
    let mut note = format!("item {id}: ");
    while note.len() < NOTE_CHARS {
        note.push_str("matte finish, recycled aluminium, ships in two days; ");
    }
    note.truncate(NOTE_CHARS);
    note
}
