//! Drill: every collection is gone after a configuration change. Milvus was
//! restarted with another `etcd.rootPath`, so it reads an empty metadata
//! tree; the collections' keys and their segments are all still there. The
//! learner finds both roots in etcd and points Milvus back at the old one.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use lab_framework::drill::seed_collections;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, answer,
};
use serde::Deserialize;

pub struct WrongRoot;

// The check's assertions, in report order; the book lists them from `META`.
const ROOT_BACK: &str = "Milvus runs with etcd.rootPath by-dev (ETCD_ROOTPATH)";
const LISTED: &str = "Milvus lists `orders` and `events`";
const NOTHING_LOST: &str = "nothing lost: every collection has its rows and primary keys";
const ANSWER_DATA_ROOT: &str = "diagnosis.toml: data_root";
const ANSWER_RUNNING_ROOT: &str = "diagnosis.toml: running_root";

static META: LabMeta = LabMeta {
    id: "phase10/wrong-root",
    title: "Drill: every collection is gone",
    phase: 10,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 20,
    components: &["etcd", "objectstorage"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5],
    requirements: Requirement::COMPOSE_LAB,
    // The fix restarts Milvus on a root whose old sessions would delay its
    // first calls by their TTL.
    settings: &[Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[ROOT_BACK, LISTED, NOTHING_LOST, ANSWER_DATA_ROOT, ANSWER_RUNNING_ROOT],
};

const DATA_ROOT: &str = "by-dev";
const CHANGED_ROOT: &str = "by-dev-v2";
const ROOT_VARIABLE: &str = "ETCD_ROOTPATH";

/// `diagnosis.toml`: where the metadata is, and where Milvus looked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Diagnosis {
    data_root: String,
    running_root: String,
}

impl Lab for WrongRoot {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// The data, then the configuration change: Milvus restarted on a new root.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if seed_collections(ctx, Instance::First)? {
            ctx.reconfigure_milvus(&[Setting::EtcdRootPath(CHANGED_ROOT)])?;
            // The learner meets a Milvus that answers, with nothing in it.
            let deadline = Instant::now() + Duration::from_secs(120);
            while ctx.milvus().and_then(|milvus| milvus.has_collection("orders")).is_err() {
                if Instant::now() > deadline {
                    bail!("Milvus did not answer within 120 s of its restart on {CHANGED_ROOT}");
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let root = ctx
            .fixture
            .service_environment("standalone")?
            .iter()
            .find_map(|entry| entry.strip_prefix(ROOT_VARIABLE).and_then(|rest| rest.strip_prefix('=')))
            .unwrap_or("not set")
            .to_owned();
        let listed = ctx.milvus().and_then(|milvus| {
            let mut present = Vec::new();
            for name in ["orders", "events"] {
                if milvus.has_collection(name)? {
                    present.push(name);
                }
            }
            Ok(present)
        });
        let listed = match listed {
            Ok(present) if present.is_empty() => "neither".to_owned(),
            Ok(present) => present.join(", "),
            Err(error) => format!("error: {error:#}"),
        };
        let diagnosis = ctx.answers::<Diagnosis>("diagnosis.toml");
        Ok(vec![
            Assertion::equal(
                ROOT_BACK,
                DATA_ROOT,
                root,
                "the stack passes ETCD_ROOT_PATH to Milvus: export ETCD_ROOT_PATH=<the root with the data>, \
                 then docker compose up --detach --wait standalone",
            ),
            Assertion::equal(
                LISTED,
                "orders, events",
                listed,
                "Milvus lists what it finds under its own root; creating the collections again makes empty ones",
            ),
            baseline.compare(
                ctx,
                NOTHING_LOST,
                "the old root still holds every collection, and the bucket every segment: point Milvus back at it",
            ),
            Assertion::equal(
                ANSWER_DATA_ROOT,
                DATA_ROOT,
                answer(&diagnosis, |d| d.data_root.trim().to_owned()),
                "list the top of etcd's key space: docker run --rm --network host $ETCD_IMAGE etcdctl --endpoints=$ETCDCTL_ENDPOINTS \
                 get '' --prefix --keys-only | cut -d/ -f1 | sort -u",
            ),
            Assertion::equal(
                ANSWER_RUNNING_ROOT,
                CHANGED_ROOT,
                answer(&diagnosis, |d| d.running_root.trim().to_owned()),
                "docker compose exec standalone env | grep ROOTPATH shows what the running Milvus was given",
            ),
        ])
    }
}
