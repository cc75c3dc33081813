//! Running a lab's scripts (the reference solution, the wrong answers) the way
//! a learner would: in their folder, with the environment `cargo xtask env` prints.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

pub(crate) fn run_script(script: &Path, env: &[(String, String)], work_dir: &Path, log: &Path) -> Result<()> {
    let solution_dir = script.parent().context("a script has a parent folder")?;
    let output = Command::new("bash")
        .arg(script)
        .current_dir(work_dir)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env("SOLUTION_DIR", solution_dir)
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run bash {}", script.display()))?;
    let mut text = output.stdout;
    text.extend_from_slice(&output.stderr);
    if let Some(parent) = log.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(log, &text).with_context(|| format!("cannot write {}", log.display()))?;
    if !output.status.success() {
        let tail = fixtures::python::last_lines(&String::from_utf8_lossy(&text), 15);
        bail!("{} failed ({}); log {}:\n{tail}", script.display(), output.status, log.display());
    }
    Ok(())
}
