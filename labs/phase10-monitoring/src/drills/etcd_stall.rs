//! Drill: Milvus exited overnight and nobody stopped it. etcd stalled for
//! longer than Milvus' session TTL (a slow disk or network does that); the
//! sessions' leases expired and every component quit. The learner finds the
//! lease error in the log, names the dependency, and starts Milvus again.

use std::time::Duration;

use anyhow::Result;
use lab_framework::drill::{healthz, seed_collections};
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, answer,
};
use serde::Deserialize;

use super::{logged_error, wait_until};

pub struct EtcdStall;

// The check's assertions, in report order; the book lists them from `META`.
const HEALTHY: &str = "Milvus is healthy";
const NOTHING_LOST: &str = "nothing lost: every collection has its rows and primary keys";
const ANSWER_DEPENDENCY: &str = "diagnosis.toml: dependency";
const ANSWER_ERROR: &str = "diagnosis.toml: error";

static META: LabMeta = LabMeta {
    id: "phase10/etcd-stall",
    title: "Drill: Milvus exited and nobody stopped it",
    phase: 10,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 20,
    components: &["etcd"],
    // 2.3's lease handling and log lines; measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // A 10-s TTL, so a 15-s stall expires the leases (upstream: 30 s).
    settings: &[Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[HEALTHY, NOTHING_LOST, ANSWER_DEPENDENCY, ANSWER_ERROR],
};

/// Longer than the session TTL.
const STALL: Duration = Duration::from_secs(15);
const LEASE_MARKER: &str = "lease not found";
/// The lease error Milvus exited with, in the run folder.
const LEASE_ERROR_FILE: &str = "lease-error.txt";

/// `diagnosis.toml`: which dependency, and what Milvus' log says about it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Diagnosis {
    dependency: String,
    error: String,
}

impl Lab for EtcdStall {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// The data, then etcd stalled until Milvus gives up and exits.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if !seed_collections(ctx, Instance::First)? {
            return Ok(());
        }
        ctx.fixture.stall_etcd(STALL)?;
        wait_until(Duration::from_secs(60), || Ok(!ctx.fixture.milvus_running()?))?;
        logged_error(ctx, LEASE_MARKER, LEASE_ERROR_FILE)?;
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let health = healthz(ctx)?;
        let lease_error = logged_error(ctx, LEASE_MARKER, LEASE_ERROR_FILE)?;
        let diagnosis = ctx.answers::<Diagnosis>("diagnosis.toml");
        Ok(vec![
            Assertion::equal(
                HEALTHY,
                "200 OK",
                health,
                "nothing restarts Milvus here: docker compose up --detach --wait standalone",
            ),
            baseline.compare(
                ctx,
                NOTHING_LOST,
                "metadata stays in etcd and segments in the bucket: a restarted Milvus finds every row",
            ),
            Assertion::equal(
                ANSWER_DEPENDENCY,
                "etcd",
                answer(&diagnosis, |d| d.dependency.trim().to_lowercase()),
                "sessions and their leases live in etcd: which service holds them?",
            ),
            Assertion::equal(
                ANSWER_ERROR,
                lease_error.as_deref().unwrap_or("no lease error in the log"),
                answer(&diagnosis, |d| d.error.trim().to_owned()),
                "docker compose logs standalone | grep -m1 'lease not found': the text in error=\"…\"",
            ),
        ])
    }
}
