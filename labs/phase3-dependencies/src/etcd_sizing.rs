//! Inspect and size etcd: how many keys Milvus keeps, how many of them are
//! segments, and how big the database file is.

use anyhow::Result;
use lab_framework::{Assertion, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;

pub struct EtcdSizing;

// The check's assertions, in report order; the book lists them from `META`.
const META_KEYS: &str = "etcd-size.toml: meta_keys (within 5%)";
const SEGMENT_KEYS: &str = "etcd-size.toml: segment_keys (within 5%)";
const DB_SIZE: &str = "etcd-size.toml: db_size_bytes (within 5% or 16 KiB)";

static META: LabMeta = LabMeta {
    id: "phase3/etcd-sizing",
    title: "Inspect and size etcd",
    phase: 3,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["etcd", "datacoord"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[META_KEYS, SEGMENT_KEYS, DB_SIZE],
};

const META_ROOT: &str = "by-dev/meta/";
const SEGMENTS: &str = "by-dev/meta/datacoord-meta/s/";
/// Milvus keeps writing (checkpoints, sessions), so counts drift a little
/// between the learner's reading and the check's.
const TOLERANCE: f64 = 0.05;
/// etcd's file grows in steps of pages, not byte by byte: measured in CI,
/// 81920 to 94208 bytes between the learner's reading and the check's.
const DB_SIZE_STEP: u64 = 16 * 1024;

/// `etcd-size.toml`: what the learner measured.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Measurements {
    meta_keys: u64,
    segment_keys: u64,
    db_size_bytes: u64,
}

impl Lab for EtcdSizing {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        lab_framework::drill::seed_collections(ctx, Instance::First).map(|_| ())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let etcd = ctx.etcd()?;
        let live_meta = etcd.keys(META_ROOT)?.len() as u64;
        let live_segments = etcd.keys(SEGMENTS)?.len() as u64;
        let live_size = etcd.status()?.db_size;

        let measured = ctx.answers::<Measurements>("etcd-size.toml");
        let answer = |field: fn(&Measurements) -> u64| measured.as_ref().map(field).map_err(Clone::clone);
        Ok(vec![
            Assertion::within(
                META_KEYS,
                live_meta,
                answer(|m| m.meta_keys),
                TOLERANCE,
                "etcdctl get --prefix --keys-only by-dev/meta/ | grep -c . (keys only: values span lines)",
            ),
            Assertion::within(
                SEGMENT_KEYS,
                live_segments,
                answer(|m| m.segment_keys),
                TOLERANCE,
                "one key per segment under by-dev/meta/datacoord-meta/s/; binlog, statslog and checkpoint keys are not segments",
            ),
            Assertion::within(
                DB_SIZE,
                live_size,
                answer(|m| m.db_size_bytes),
                TOLERANCE.max(DB_SIZE_STEP as f64 / live_size.max(1) as f64),
                "etcdctl endpoint status -w json: dbSize, in bytes (the table rounds it)",
            ),
        ])
    }
}
