//! The git-ignored state folder (`.labs/`): the Python venv, the learner's
//! working folders, each lab's fixture run folder, and progress.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Where one lab's files live during one use: the learner's (or verify's) working
/// folder and the fixture's run folder.
#[derive(Debug, Clone)]
pub struct LabDirs {
    pub work: PathBuf,
    pub run: PathBuf,
    /// The state folder both live in; it names the workspace in Docker labels.
    pub state_root: PathBuf,
}

#[derive(Debug, Clone)]
pub struct StateDir {
    root: PathBuf,
}

impl StateDir {
    pub fn new(repo_root: &Path) -> StateDir {
        StateDir { root: repo_root.join(".labs") }
    }

    /// A state folder somewhere else (tests, CI isolation).
    pub fn at(root: PathBuf) -> StateDir {
        StateDir { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The learner's folders: `.labs/work/<id>` and `.labs/runs/<id>`.
    pub fn learner_dirs(&self, lab_id: &str) -> LabDirs {
        LabDirs {
            work: self.root.join("work").join(lab_id),
            run: self.root.join("runs").join(lab_id),
            state_root: self.root.clone(),
        }
    }

    /// verify-all's own folders for one trial of a lab, apart from the
    /// learner's and from the lab's other trials, which may run at the same time.
    pub fn verify_dirs(&self, lab_id: &str, trial: &str) -> LabDirs {
        let base = self.root.join("verify").join(lab_id).join(trial);
        LabDirs { work: base.join("work"), run: base.join("run"), state_root: self.root.clone() }
    }

    /// Every run folder with a recorded fixture (learner's and verify's), for `down`.
    pub fn run_dirs(&self) -> Result<Vec<PathBuf>> {
        let mut found = Vec::new();
        for top in [self.root.join("runs"), self.root.join("verify")] {
            collect_fixture_dirs(&top, &mut found)?;
        }
        found.sort();
        Ok(found)
    }

    pub fn current_lab(&self) -> Result<Option<String>> {
        let path = self.root.join("current");
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text.trim().to_owned()).filter(|id| !id.is_empty())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    pub fn set_current_lab(&self, lab_id: &str) -> Result<()> {
        std::fs::create_dir_all(&self.root).with_context(|| format!("cannot create {}", self.root.display()))?;
        let path = self.root.join("current");
        std::fs::write(&path, format!("{lab_id}\n")).with_context(|| format!("cannot write {}", path.display()))
    }
}

fn collect_fixture_dirs(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot list {}", dir.display())),
    };
    for entry in entries {
        let path = entry.with_context(|| format!("cannot list {}", dir.display()))?.path();
        if path.join("fixture.toml").exists() {
            found.push(path.clone());
        }
        if path.is_dir() {
            collect_fixture_dirs(&path, found)?;
        }
    }
    Ok(())
}

/// Copies a folder tree (exercise files into the learner's folder).
pub fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("cannot list {}", from.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", from.display()))?;
        let target = to.join(entry.file_name());
        if entry.file_type().with_context(|| format!("cannot stat {}", entry.path().display()))?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {} to {}", entry.path().display(), target.display()))?;
        }
    }
    Ok(())
}

pub fn remove_dir_if_exists(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", dir.display()))
        }
        _ => Ok(()),
    }
}
