//! etcd metadata backup and restore drill: snapshot, lose etcd, restore the
//! snapshot into a fresh data dir, restart; every collection must come back
//! with the same rows.

use anyhow::Result;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight,
};

pub struct EtcdRestore;

// The check's assertions, in report order; the book lists them from `META`.
const SNAPSHOT: &str = "backup/meta.db is an etcd snapshot with an intact checksum";
const LOST: &str = "etcd's volume was lost, so the data came back from the snapshot";
const HEALTHY: &str = "Milvus is healthy on the restored etcd";
const NOTHING_LOST: &str = "nothing lost: every collection has its rows and primary keys";

static META: LabMeta = LabMeta {
    id: "phase3/etcd-restore",
    title: "etcd backup and restore drill",
    phase: 3,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 30,
    components: &["etcd", "rootcoord"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: Requirement::COMPOSE_LAB,
    // The restart's first calls would wait out the old etcd sessions (30 s).
    settings: &[Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[SNAPSHOT, LOST, HEALTHY, NOTHING_LOST],
};

const SNAPSHOT_FILE: &str = "backup/meta.db";
/// A file the seed leaves in etcd's volume, beside its data dir: a volume that
/// was lost has none, one that was kept (a recreated container) still has it.
const MARKER: &str = "/etcd/seeded-by-milvus-labs";

impl Lab for EtcdRestore {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// The data and its baseline, and a marker in the etcd volume that holds
    /// them. A restored etcd cannot be told from the original by its ids (etcd
    /// derives member and cluster ids from its name and URLs), nor a recreated
    /// container from a restore by Docker's volume times (a recreate updates
    /// them); but only a lost volume forces the data to come back from the
    /// snapshot, and a lost volume takes the marker with it.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if lab_framework::drill::seed_collections(ctx, Instance::First)? {
            ctx.fixture.put_file(&ctx.run_dir, "etcd", MARKER, "etcd's volume at the start of the drill\n")?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;

        let kept = ctx.fixture.has_file("etcd", MARKER);
        let health = lab_framework::drill::healthz(ctx)?;
        Ok(vec![
            lab_framework::drill::etcd_snapshot_saved(ctx, SNAPSHOT, SNAPSHOT_FILE),
            match kept {
                Ok(kept) => Assertion::that(
                    LOST,
                    !kept,
                    "a new volume",
                    if kept { "the volume the lab started with" } else { "a new volume" },
                    "recreating etcd keeps its data and tests no backup: lose it with bash lose-etcd.sh after your \
                     snapshot, then restore",
                ),
                Err(error) => {
                    Assertion::probe_failed(LOST, "a new volume", &error, "is the stack up? docker compose ps -a")
                }
            },
            Assertion::equal(
                HEALTHY,
                "200 OK",
                health,
                "start etcd before Milvus: docker compose up -d --wait etcd standalone",
            ),
            baseline.compare(
                ctx,
                NOTHING_LOST,
                "restore the snapshot with Milvus stopped, then start it: a running Milvus keeps the empty catalogue",
            ),
        ])
    }
}
