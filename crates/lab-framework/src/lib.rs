//! The lab framework: what a lab is, how a run goes (setup, task, solution,
//! check, teardown), the check report, and the learner's progress.

pub mod access;
mod baseline;
pub mod catalog;
pub mod components;
pub mod dashboard;
pub mod drill;
mod lab;
pub mod page;
pub mod progress;
mod report;
pub mod requirements;
pub mod runner;
pub mod schedule;
mod solution;
pub mod state;

pub use fixtures::{
    Member, MessageQueue, Mode, OBJECT_STORE_ACCESS_KEY, OBJECT_STORE_SECRET_KEY, Retention, Setting,
    version_for as fixtures_version, versions::MilvusVersion,
};

/// The image the active profile pins for `logical` (`milvus`, `etcd`, `object-store`).
pub fn pinned_image(logical: &str) -> anyhow::Result<String> {
    Ok(fixtures::images::image(fixtures::images::Profile::from_env()?, logical)?.image)
}
pub use baseline::{Baseline, CollectionFacts, Instance};
pub use lab::{Lab, LabContext, LabMeta, PHASE_GUIDES, PHASES, PhaseGuide, Requirement, Weight, answer, phase_title};
pub use probes;
pub use report::{Assertion, CheckReport, Redactions, Verdict};
pub use solution::{outer_cargo_variables, serve_cargo_xtask_with};
