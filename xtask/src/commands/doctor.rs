use anyhow::Result;
use lab_framework::requirements;

use crate::Outcome;
use crate::catalog::catalog;
use crate::project::Project;

/// Prints every finding; fails (exit 3) only when a lab in the catalogue cannot run.
pub fn run(project: &Project) -> Result<Outcome> {
    for finding in requirements::doctor(&project.root) {
        match &finding.outcome {
            Ok(detail) => outln!("✓ {}: {detail}", finding.name),
            Err(missing) => outln!("✗ {}: {}\n    fix: {}", finding.name, missing.what, missing.fix),
        }
    }
    let catalog = catalog();
    let mut needed: Vec<_> = catalog.all().iter().flat_map(|lab| lab.meta().requirements.iter().copied()).collect();
    needed.dedup();
    match requirements::missing(&needed).into_iter().next() {
        Some(missing) => Err(missing.into()),
        None => {
            outln!("\nEvery lab in the catalogue can run here. Start with: cargo xtask list");
            Ok(Outcome::Success)
        }
    }
}
