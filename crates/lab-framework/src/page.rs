//! A lab's page: its text from `content/` plus what its metadata says (how to
//! start it, mode, versions, requirements, the assertions its check makes).
//! The CLI and the book both render lab text through here, so they cannot drift.

use std::path::Path;

use anyhow::{Context, Result};

use crate::{LabMeta, Requirement};

/// The lab's page, and the same page without its hints (what `lab` prints).
pub struct LabPage {
    pub full: String,
    pub task: String,
    pub hints: String,
}

pub fn load(meta: &LabMeta, repo_root: &Path) -> Result<LabPage> {
    let path = meta.content_file(repo_root);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("cannot read the lab text {}", path.display()))?;
    Ok(render(meta, &text))
}

pub fn render(meta: &LabMeta, text: &str) -> LabPage {
    let (body, hints) = match text.split_once("\n## Hints\n") {
        Some((body, hints)) => (body.trim_end(), hints.trim()),
        None => (text.trim_end(), ""),
    };
    let (title, rest) = match body.split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") => (first, rest.trim_start_matches('\n')),
        _ => ("", body),
    };
    // The generated check list goes right after the task section.
    let (task, after_task) = match rest.find("\n## Your task\n") {
        Some(start) => {
            let from = start + "\n## Your task\n".len();
            match rest[from..].find("\n## ") {
                Some(end) => rest.split_at(from + end + 1),
                None => (rest, ""),
            }
        }
        None => (rest, ""),
    };
    let mut page = String::new();
    if !title.is_empty() {
        page.push_str(title);
        page.push_str("\n\n");
    }
    page.push_str(&facts(meta));
    page.push_str(task.trim_end());
    page.push_str("\n\n");
    page.push_str(&check_section(meta));
    if !after_task.trim().is_empty() {
        page.push('\n');
        page.push_str(after_task.trim_end());
        page.push('\n');
    }
    let task_page = page.clone();
    if !hints.is_empty() {
        page.push_str(&format!("\n## Hints\n\n{hints}\n"));
    }
    LabPage { full: page, task: task_page, hints: hints.to_owned() }
}

fn facts(meta: &LabMeta) -> String {
    let needs: Vec<String> = meta.requirements.iter().map(requirement_label).collect();
    format!(
        "> **Start it:** `cargo xtask lab {}`  \n> **Mode:** {} · **Milvus:** {} (✓ verified by verify-all; \
         the others declared) · **Needs:** {}\n\n",
        meta.id,
        meta.mode,
        meta.versions_label(),
        if needs.is_empty() { "nothing extra".to_owned() } else { needs.join(", ") }
    )
}

fn check_section(meta: &LabMeta) -> String {
    let mut section = String::from(
        "## What the check verifies\n\n`cargo xtask check` reads live state and reports each of these:\n\n",
    );
    for name in meta.assertions {
        section.push_str(&format!("- {name}\n"));
    }
    section
}

pub fn requirement_label(requirement: &Requirement) -> String {
    match requirement {
        Requirement::Python => "Python".to_owned(),
        Requirement::Docker => "Docker".to_owned(),
        Requirement::Compose => "Compose v2".to_owned(),
        Requirement::Image(logical) => format!("{logical} image"),
        Requirement::MemoryMib(mib) => format!("{mib} MiB"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MilvusVersion, Mode, Weight};

    static META: LabMeta = LabMeta {
        id: "phase2/demo",
        title: "Demo",
        phase: 2,
        mode: Mode::Lite,
        weight: Weight::LITE,
        minutes: 15,
        components: &[],
        versions: &[MilvusVersion::Lite3_2],
        requirements: &[Requirement::Python],
        settings: &[],
        crate_dir: ".",
        assertions: &["first fact", "second fact"],
    };

    #[test]
    fn page_has_facts_task_generated_checks_then_the_rest() {
        let text = "# Demo\n\nIntro.\n\n## Your task\n\nDo it.\n\n## What to take away\n\nThis.\n\n## Hints\n\n- Try harder.\n";
        let page = render(&META, text);
        assert_eq!(
            page.full,
            "# Demo\n\n> **Start it:** `cargo xtask lab phase2/demo`  \n> **Mode:** lite · **Milvus:** lite-3.2 (✓ verified by verify-all; the others declared) · **Needs:** Python\n\n\
             Intro.\n\n## Your task\n\nDo it.\n\n\
             ## What the check verifies\n\n`cargo xtask check` reads live state and reports each of these:\n\n- first fact\n- second fact\n\n\
             ## What to take away\n\nThis.\n\n## Hints\n\n- Try harder.\n"
        );
        assert!(page.full.starts_with(&page.task), "the CLI's text is the page without its hints");
        assert!(!page.task.contains("Try harder"));
        assert_eq!(page.hints, "- Try harder.");
    }
}
