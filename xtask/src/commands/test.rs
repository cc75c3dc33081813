use anyhow::Result;
use fixtures::MissingRequirement;
use lab_framework::runner;
use xshell::{Shell, cmd};

use crate::Outcome;
use crate::catalog::catalog;
use crate::cli::{Format, VerifyAllArgs};
use crate::project::Project;

/// The project's test command: unit and CLI tests, then verify-all.
pub fn run(project: &Project, require_all: bool) -> Result<Outcome> {
    // Tests that drive a real Lite server share the venv; prepare it first.
    match runner::venv_for(&project.state, catalog().all()) {
        Err(error) if error.downcast_ref::<MissingRequirement>().is_none() || require_all => return Err(error),
        _ => {}
    }
    let sh = Shell::new()?;
    sh.change_dir(&project.root);
    let require = if require_all { "1" } else { "" };
    let _env = sh.push_env("MILVUS_LABS_REQUIRE_ALL", require);
    if cmd!(sh, "cargo test --workspace --quiet").run().is_err() {
        eprintln!("cargo test failed; verify-all was not run");
        return Ok(Outcome::Failed);
    }
    let args = VerifyAllArgs {
        labs: Vec::new(),
        phase: None,
        mode: None,
        jobs: 1,
        format: Format::Human,
        require_all,
        accept: false,
    };
    super::verify_all::run(project, &args)
}
