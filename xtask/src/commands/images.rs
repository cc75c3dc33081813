use anyhow::{Context, Result};
use fixtures::images::{self, Profile};
use xshell::{Shell, cmd};

use crate::Outcome;
use crate::cli::ImagesCommand;
use crate::project::Project;

const LOGICAL: [&str; 5] = ["milvus", "etcd", "object-store", "kafka", "pulsar"];

pub fn run(project: &Project, command: ImagesCommand) -> Result<Outcome> {
    match command {
        ImagesCommand::Build { kubernetes } => build(project, kubernetes),
        ImagesCommand::List => list(),
    }
}

/// Builds the offline profile with `images/build.sh`: a debootstrap base, Milvus
/// from the PyPI wheel, etcd, an S3 store; with `kubernetes`, the Kubernetes
/// node too. Images whose inputs are unchanged are skipped.
fn build(project: &Project, kubernetes: bool) -> Result<Outcome> {
    let sh = Shell::new()?;
    sh.change_dir(&project.root);
    let extra: &[&str] = if kubernetes { &["kubernetes"] } else { &[] };
    cmd!(sh, "bash images/build.sh {extra...}").run().context("building the offline images (see the output above)")?;
    outln!("\nUse them with: export MILVUS_LABS_IMAGES=offline");
    Ok(Outcome::Success)
}

fn list() -> Result<Outcome> {
    let sh = Shell::new()?;
    let active = Profile::from_env()?;
    for profile in [Profile::Official, Profile::Offline] {
        let marker = if profile == active { " (active: MILVUS_LABS_IMAGES)" } else { "" };
        outln!("[{profile}]{marker}");
        for logical in LOGICAL {
            if images::unavailable(profile, logical).is_some() {
                outln!("  {logical:<13} {:<48} labs that need it are unavailable here", "(none in this profile)");
                continue;
            }
            let entry = images::image(profile, logical)?;
            let image = &entry.image;
            let present =
                cmd!(sh, "docker image inspect {image}").quiet().ignore_stdout().ignore_stderr().run().is_ok();
            outln!("  {logical:<13} {image:<48} {}", if present { "present" } else { "missing" });
        }
    }
    Ok(Outcome::Success)
}
