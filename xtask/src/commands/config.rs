//! `cargo xtask config explain|lint|diff`: milvus.yaml settings against the
//! defaults of the Milvus version the active image profile runs.

use std::path::Path;

use anyhow::{Context, Result};
use fixtures::config::{self, ConfigFile};
use fixtures::images::Profile;
use fixtures::{FixtureHandle, Mode};

use crate::Outcome;
use crate::cli::ConfigCommand;
use crate::project::Project;

pub fn run(project: &Project, command: ConfigCommand) -> Result<Outcome> {
    let profile = Profile::from_env()?;
    let version = fixtures::version_for(Mode::Compose, profile)?;
    let (image, defaults) = config::defaults(project.state.root(), profile)?;
    match command {
        ConfigCommand::Explain { key } => explain(project, &key, version, &image, &defaults),
        ConfigCommand::Lint { file } => lint(&file, &defaults),
        ConfigCommand::Diff { file } => diff(&file, &image, &defaults),
    }
}

fn read(file: &Path) -> Result<ConfigFile> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    ConfigFile::parse(&file.display().to_string(), &text)
}

fn explain(
    project: &Project,
    key: &str,
    version: fixtures::versions::MilvusVersion,
    image: &str,
    defaults: &ConfigFile,
) -> Result<Outcome> {
    let Some(default) = defaults.get(key) else {
        let nearest = defaults.nearest(key, 3);
        return Err(config::UnknownKey { key: key.to_owned(), file: defaults.name.clone(), nearest }.into());
    };
    outln!("{key} (Milvus {version}, {image})");
    if let Some(comment) = &default.comment {
        outln!("  meaning:     {comment}  (milvus.yaml's own comment)");
    }
    outln!("  default:     {}  (milvus.yaml line {})", config::scalar_text(&default.value), default.line);
    let env = config::environment_name(key);
    let etcd = config::etcd_key(key);
    outln!("  environment: {env}");
    outln!("  etcd:        {etcd}");
    match effective(project, key)? {
        Some((value, layer)) => outln!("  effective:   {value}, from {layer} (the running lab)"),
        None => outln!("  effective:   start a Compose lab to see the value it runs with"),
    }
    let reload = version.reload_behaviour().and_then(|facts| facts.iter().find(|(k, _)| *k == key));
    match reload {
        Some((_, "live")) => outln!("  changes:     live when set in etcd (measured on {version})"),
        Some(_) => outln!("  changes:     at start only: a value in etcd waits for a restart (measured on {version})"),
        None => outln!("  changes:     not measured here: put it in etcd and probe its effect"),
    }
    let pages = pages_mentioning(&project.root.join("content"), key)?;
    if pages.is_empty() {
        outln!("  taught in:   no page of the course names it yet");
    } else {
        outln!("  taught in:   {}", pages.join(", "));
    }
    Ok(Outcome::Success)
}

/// The value `key` has in the running Compose lab, and the layer it comes from.
fn effective(project: &Project, key: &str) -> Result<Option<(String, &'static str)>> {
    let Some(lab) = project.state.current_lab()? else { return Ok(None) };
    let run_dir = project.state.learner_dirs(&lab).run;
    let Some(handle) = FixtureHandle::load(&run_dir)? else { return Ok(None) };
    if handle.mode != Mode::Compose {
        return Ok(None);
    }
    let from_etcd = handle.endpoints.etcd.as_deref().and_then(|endpoint| {
        let etcd = lab_framework::probes::Etcd::connect(endpoint).ok()?;
        etcd.get(&config::etcd_key(key)).ok().flatten()
    });
    if let Some(value) = from_etcd {
        return Ok(Some((value, "etcd")));
    }
    let prefix = format!("{}=", config::environment_name(key));
    let environment = handle.service_environment("standalone").unwrap_or_default();
    if let Some(value) = environment.iter().find_map(|entry| entry.strip_prefix(&prefix)) {
        return Ok(Some((value.to_owned(), "the environment")));
    }
    Ok(None)
}

/// Course pages (`content/**/*.md`) that name `key`, as book paths.
fn pages_mentioning(content: &Path, key: &str) -> Result<Vec<String>> {
    let mut pages = Vec::new();
    let mut dirs = vec![content.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))? {
            let path = entry.with_context(|| format!("cannot list {}", dir.display()))?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
                if text.contains(key) {
                    pages.push(path.strip_prefix(content).unwrap_or(&path).display().to_string());
                }
            }
        }
    }
    pages.sort();
    Ok(pages)
}

fn lint(file: &Path, defaults: &ConfigFile) -> Result<Outcome> {
    let user = read(file)?;
    let findings = config::lint(defaults, &user);
    for finding in &findings {
        outln!("{}:{}:{}: {}", file.display(), finding.line, finding.column, finding.message);
    }
    if findings.is_empty() {
        outln!("{}: {} settings, all known and of the right type", file.display(), user.entries.len());
        Ok(Outcome::Success)
    } else {
        outln!("{} problem(s) in {}", findings.len(), file.display());
        Ok(Outcome::Failed)
    }
}

fn diff(file: &Path, image: &str, defaults: &ConfigFile) -> Result<Outcome> {
    let user = read(file)?;
    let changes = config::diff(defaults, &user);
    if changes.is_empty() {
        outln!("{} changes nothing against the defaults of {image}", file.display());
    }
    for change in changes {
        match change.default {
            Some(default) => outln!("{}: {default} -> {}", change.key, change.value),
            None => outln!("{}: (not a default key) -> {}", change.key, change.value),
        }
    }
    Ok(Outcome::Success)
}
