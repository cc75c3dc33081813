//! Object storage unreachable: Milvus restarted with a wrong object-store
//! address never turns healthy. The learner reads the failing request in its
//! log, fixes the address, and the check proves health and every row.

use anyhow::Result;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight,
};
use serde::Deserialize;

pub struct ObjectStoreDown;

// The check's assertions, in report order; the book lists them from `META`.
const HEALTHY: &str = "Milvus is healthy";
const NOTHING_LOST: &str = "nothing lost: every collection has its rows and primary keys";
const ANSWER_ADDRESS: &str = "diagnosis.toml: address";
const ANSWER_REASON: &str = "diagnosis.toml: reason";

static META: LabMeta = LabMeta {
    id: "phase3/object-store-down",
    title: "Object storage unreachable: read the log, fix the address",
    phase: 3,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["objectstorage", "datanode"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: Requirement::COMPOSE_LAB,
    // The restart's first calls would wait out the old etcd sessions (30 s).
    settings: &[Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[HEALTHY, NOTHING_LOST, ANSWER_ADDRESS, ANSWER_REASON],
};

/// The object store's service with a port nothing listens on.
const BROKEN_ADDRESS: &str = "minio:9011";
/// What Go's dialer says when the host answers and the port is closed.
const REFUSED: &str = "connection refused";

/// `diagnosis.toml`: what the learner read in the log.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Diagnosis {
    address: String,
    reason: String,
}

impl Lab for ObjectStoreDown {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// The data and its baseline while Milvus is healthy, then the break.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if lab_framework::drill::seed_collections(ctx, Instance::First)? {
            ctx.reconfigure_milvus(&[Setting::ObjectStoreAddress(BROKEN_ADDRESS)])?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let health = lab_framework::drill::healthz(ctx)?;
        let diagnosis = ctx.answers::<Diagnosis>("diagnosis.toml");
        let answer =
            |field: fn(&Diagnosis) -> &str| lab_framework::answer(&diagnosis, |found| field(found).trim().to_owned());
        Ok(vec![
            Assertion::equal(
                HEALTHY,
                "200 OK",
                health,
                "export MINIO_ADDRESS=<the object store's real host:port>, then docker compose up -d --wait standalone",
            ),
            baseline.compare(
                ctx,
                NOTHING_LOST,
                "the binlogs never left the bucket: once Milvus reaches the object store, count(*) shows every row",
            ),
            Assertion::equal(
                ANSWER_ADDRESS,
                BROKEN_ADDRESS,
                answer(|d| &d.address),
                "docker compose logs standalone | grep -m1 'dial tcp': the host:port inside http://…/",
            ),
            Assertion::equal(
                ANSWER_REASON,
                REFUSED,
                answer(|d| &d.reason),
                "the words after the last colon of the same log line",
            ),
        ])
    }
}
