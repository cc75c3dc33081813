use anyhow::Result;
use lab_framework::page::requirement_label;
use lab_framework::progress::{Progress, Status};
use lab_framework::requirements::Survey;
use lab_framework::{PHASES, Requirement};

use crate::Outcome;
use crate::catalog::catalog;
use crate::cli::ListFormat;
use crate::project::Project;

pub fn run(project: &Project, format: ListFormat) -> Result<Outcome> {
    match format {
        ListFormat::Human => out!("{}", render(project)?),
        ListFormat::Json => outln!("{}", serde_json::to_string_pretty(&progress_json(project)?)?),
    }
    Ok(Outcome::Success)
}

/// Every lab with the learner's status, and the lab to do next: what the
/// book's roadmap page reads. No machine survey: the file may be opened on
/// another machine.
fn progress_json(project: &Project) -> Result<serde_json::Value> {
    let catalog = catalog();
    let progress = Progress::load(project.state.root())?;
    for warning in &progress.warnings {
        errln!("note: {warning}");
    }
    let labs: Vec<serde_json::Value> = catalog
        .all()
        .iter()
        .map(|lab| {
            let meta = lab.meta();
            let status = progress.status(meta.id).map_or("not started".to_owned(), |s| s.to_string());
            serde_json::json!({ "id": meta.id, "phase": meta.phase, "mode": meta.mode.name(), "status": status })
        })
        .collect();
    let passed = |id: &str| progress.status(id) == Some(Status::Passed);
    let next = catalog.next_lab(None, passed, |_| true).map(|lab| lab.meta().id);
    Ok(serde_json::json!({ "format": "milvus-labs progress 1", "labs": labs, "next": next }))
}

fn render(project: &Project) -> Result<String> {
    let catalog = catalog();
    let progress = Progress::load(project.state.root())?;
    for warning in &progress.warnings {
        errln!("note: {warning}");
    }
    let survey = Survey::of(catalog.all().iter().map(|lab| lab.meta()));
    let mut out = String::from("Milvus Operations labs\n\n");
    out.push_str(
        "Milvus versions: ✓ verified by verify-all (a report snapshot exists); the others are declared only.\n\
         Needs: ✗ this machine lacks it (how to get it is below the list).\n\n",
    );
    // As wide as the longest lab id, so every row lines up.
    let width = catalog.all().iter().map(|lab| lab.meta().id.len()).max().unwrap_or_default();
    out.push_str(&format!(
        "  {:<width$} {:<10} {:<20} {:<40} {:<8} {}\n",
        "lab", "mode", "milvus", "needs", "progress", "title"
    ));
    for (index, title) in PHASES.iter().enumerate() {
        let phase = index as u8 + 1;
        let labs = catalog.select(Some(phase), None);
        if labs.is_empty() {
            out.push_str(&format!("Phase {phase:<2} {title} (no labs yet)\n"));
            continue;
        }
        out.push_str(&format!("Phase {phase:<2} {title}\n"));
        for lab in labs {
            let meta = lab.meta();
            let status = progress.status(meta.id).map_or("-".to_owned(), |s| s.to_string());
            // Images are implied by Docker here, unless one is missing; the
            // lab's page lists them.
            let mut needs: Vec<String> = meta
                .requirements
                .iter()
                .filter(|r| !matches!(r, Requirement::Image(_)))
                .map(|r| match survey.missing(*r) {
                    Some(_) => format!("✗ {}", requirement_label(r)),
                    None => requirement_label(r),
                })
                .collect();
            let image_missing = |r: &Requirement| matches!(r, Requirement::Image(_)) && survey.missing(*r).is_some();
            if meta.requirements.iter().any(image_missing) {
                needs.push("✗ images".to_owned());
            }
            out.push_str(&format!(
                "  {:<width$} {:<10} {:<20} {:<40} {:<8} {}\n",
                meta.id,
                meta.mode.name(),
                meta.versions_label(),
                needs.join(", "),
                status,
                meta.title
            ));
        }
    }
    let passed = |id: &str| progress.status(id) == Some(Status::Passed);
    match catalog.next_lab(None, passed, |meta| survey.runs(meta)) {
        Some(lab) if survey.runs(lab.meta()) => {
            out.push_str(&format!("\nNext lab: cargo xtask lab {}\n", lab.meta().id));
        }
        Some(lab) => out.push_str(&format!(
            "\nNext lab: cargo xtask lab {} (once this machine has what is marked ✗)\n",
            lab.meta().id
        )),
        None => out.push_str("\nEvery lab is passed. `cargo xtask down` stops what is still running.\n"),
    }
    let missing = survey.all_missing();
    if !missing.is_empty() {
        out.push_str("\nFor the labs marked ✗, this machine needs:\n");
        for requirement in missing {
            out.push_str(&format!("  - {}\n    fix: {}\n", requirement.what, requirement.fix));
        }
    }
    Ok(out)
}
