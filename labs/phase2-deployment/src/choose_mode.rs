//! Choosing a deployment mode: scenarios answered in a file, one of them
//! grounded in what the Lite server this lab runs actually implements.

use anyhow::Result;
use lab_framework::probes::Capability;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;

pub struct ChooseMode;

// The check's assertions, in report order; the book lists them from `META`.
const NOTEBOOK: &str = "choose-mode.toml: notebook_prototype";
const SINGLE_SERVER: &str = "choose-mode.toml: single_server_search";
const PLATFORM: &str = "choose-mode.toml: platform_at_scale";
const ACCESS_CONTROL: &str = "choose-mode.toml: access_control";
const CORES: &str = "choose-mode.toml: standalone_min_cores";
const MEMORY: &str = "choose-mode.toml: standalone_min_memory_gb";

static META: LabMeta = LabMeta {
    id: "phase2/choose-mode",
    title: "Choosing the deployment mode for a scenario",
    phase: 2,
    mode: Mode::Lite,
    weight: Weight::LITE,
    minutes: 15,
    components: &["sdk"],
    versions: &[MilvusVersion::Lite3_2],
    requirements: &[Requirement::Python, Requirement::MemoryMib(512)],
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[NOTEBOOK, SINGLE_SERVER, PLATFORM, ACCESS_CONTROL, CORES, MEMORY],
};

/// Milvus' documented minimum for Standalone in Docker (`prerequisite-docker`).
const STANDALONE_MIN_CORES: u32 = 4;
const STANDALONE_MIN_MEMORY_GB: u32 = 8;

/// `choose-mode.toml`: the learner's choices.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Choices {
    notebook_prototype: String,
    single_server_search: String,
    platform_at_scale: String,
    access_control: String,
    standalone_min_cores: u32,
    standalone_min_memory_gb: u32,
}

impl Lab for ChooseMode {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        // Users and roles decide the access-control scenario: the smallest mode
        // that has them is the answer, so ask the Lite server itself.
        let access_control = match ctx.milvus()?.rbac_capability()? {
            Capability::Supported => "lite",
            Capability::Unsupported => "standalone",
        };
        let choices = ctx.answers::<Choices>("choose-mode.toml");
        let answer =
            |field: fn(&Choices) -> String| lab_framework::answer(&choices, |found| field(found).trim().to_lowercase());
        Ok(vec![
            Assertion::equal(
                NOTEBOOK,
                "lite",
                answer(|c| c.notebook_prototype.clone()),
                "one user, a laptop, thousands of vectors: the smallest mode that runs in the notebook's own Python",
            ),
            Assertion::equal(
                SINGLE_SERVER,
                "standalone",
                answer(|c| c.single_server_search.clone()),
                "one server holds it and downtime is acceptable: a cluster would add parts, not capacity you need",
            ),
            Assertion::equal(
                PLATFORM,
                "distributed",
                answer(|c| c.platform_at_scale.clone()),
                "scaling reads apart from writes and surviving a lost machine need separate nodes",
            ),
            Assertion::equal(
                ACCESS_CONTROL,
                access_control,
                answer(|c| c.access_control.clone()),
                "try client.create_user(...) on the Lite server this lab runs: the smallest mode that has users and roles wins",
            ),
            Assertion::equal(
                CORES,
                STANDALONE_MIN_CORES,
                answer(|c| c.standalone_min_cores.to_string()),
                "the hardware table of Milvus' Standalone requirements (docs: prerequisite-docker)",
            ),
            Assertion::equal(
                MEMORY,
                STANDALONE_MIN_MEMORY_GB,
                answer(|c| c.standalone_min_memory_gb.to_string()),
                "the same table: the required RAM, not the recommended",
            ),
        ])
    }
}
