use std::path::PathBuf;

use anyhow::{Context, Result};
use lab_framework::dashboard::{self, PAGE_FILE, PANELS_FILE};
use lab_framework::probes::Prometheus;
use lab_framework::runner;

use super::{display_path, named_or_current};
use crate::Outcome;
use crate::catalog::catalog;
use crate::project::Project;

/// Renders the panels file from Prometheus. Both come from the shell when
/// `cargo xtask env` was evaluated there (a script's case), else from the
/// running lab.
pub fn run(project: &Project, panels: Option<PathBuf>, minutes: u32) -> Result<Outcome> {
    let from_shell = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    let lab_environment = || -> Result<Vec<(String, String)>> {
        let catalog = catalog();
        let lab = named_or_current(project, &catalog, None)?;
        Ok(runner::attach(lab, project.state.learner_dirs(lab.meta().id), &project.state)?.environment())
    };
    let mut environment = None;
    let mut lookup = |name: &str| -> Result<Option<String>> {
        if let Some(value) = from_shell(name) {
            return Ok(Some(value));
        }
        if environment.is_none() {
            environment = Some(lab_environment()?);
        }
        let found = environment.iter().flatten().find(|(key, _)| key == name);
        Ok(found.map(|(_, value)| value.clone()))
    };
    let url = lookup("PROMETHEUS_URL")?.context(
        "the running lab has no Prometheus: the Phase 10 labs start one (cargo xtask lab phase10/dashboard)",
    )?;
    let panels = match panels {
        Some(path) => path,
        None => PathBuf::from(lookup("LAB_WORK_DIR")?.context("no lab folder: name the file with --panels")?)
            .join(PANELS_FILE),
    };
    let rendered = dashboard::render(&Prometheus::new(&url), &panels, minutes)?;
    for panel in &rendered {
        let series = match panel.series {
            0 if panel.panel.query.trim().is_empty() => "no query yet".to_owned(),
            0 => "no data".to_owned(),
            1 => "1 series".to_owned(),
            n => format!("{n} series"),
        };
        outln!("  {:<40} {series}", panel.panel.title);
    }
    let page = panels.with_file_name(PAGE_FILE);
    outln!("\nOpen it: file://{}", std::path::absolute(&page).context("the page's path")?.display());
    outln!("Grafana: import {}", display_path(&panels.with_file_name(dashboard::GRAFANA_FILE)));
    Ok(Outcome::Success)
}
