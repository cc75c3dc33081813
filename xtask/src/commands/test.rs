use std::time::Instant;

use anyhow::Result;
use fixtures::MissingRequirement;
use lab_framework::runner;
use xshell::{Shell, cmd};

use crate::Outcome;
use crate::catalog::catalog;
use crate::cli::{Format, VerifyAllArgs};
use crate::project::Project;

/// The project's test command: unit and CLI tests, then verify-all. Each part
/// ends with a `::: <part> took N s` line, the format `.ci/run` tabulates.
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
    let started = Instant::now();
    // The nested cargo must see the build fingerprints a plain `cargo test`
    // sees, or it rebuilds what `.ci/run`'s build stage just built.
    let mut tests = cmd!(sh, "cargo test --workspace --quiet");
    for name in lab_framework::outer_cargo_variables() {
        tests = tests.env_remove(name);
    }
    let tests = tests.run();
    errln!("::: tests took {} s", started.elapsed().as_secs());
    if tests.is_err() {
        errln!("cargo test failed; verify-all was not run");
        return Ok(Outcome::Failed);
    }
    let args = VerifyAllArgs {
        labs: Vec::new(),
        phase: None,
        mode: None,
        jobs: None,
        format: Format::Human,
        require_all,
        accept: false,
    };
    let started = Instant::now();
    let outcome = super::verify_all::run(project, &args);
    errln!("::: verify-all took {} s", started.elapsed().as_secs());
    outcome
}
