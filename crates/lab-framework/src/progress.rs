//! The learner's progress: a small human-readable file, `.labs/progress.txt`,
//! one `lab-id = status` line per lab.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Started,
    Passed,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Started => "started",
            Status::Passed => "passed",
        })
    }
}

pub struct Progress {
    path: PathBuf,
    labs: BTreeMap<String, Status>,
}

const HEADER: &str = "# Your progress through the Milvus Operations labs (`cargo xtask list` shows it).\n";

impl Progress {
    /// Reads the file; lines it does not understand are ignored, not fatal.
    pub fn load(state_root: &Path) -> Result<Progress> {
        let path = state_root.join("progress.txt");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let labs = text
            .lines()
            .filter_map(|line| line.split_once('='))
            .filter_map(|(id, status)| {
                let status = match status.trim() {
                    "started" => Status::Started,
                    "passed" => Status::Passed,
                    _ => return None,
                };
                Some((id.trim().to_owned(), status))
            })
            .collect();
        Ok(Progress { path, labs })
    }

    pub fn status(&self, lab_id: &str) -> Option<Status> {
        self.labs.get(lab_id).copied()
    }

    /// Records a status; `passed` is never downgraded to `started`.
    pub fn record(&mut self, lab_id: &str, status: Status) -> Result<()> {
        let entry = self.labs.entry(lab_id.to_owned()).or_insert(status);
        if status == Status::Passed {
            *entry = Status::Passed;
        }
        let mut text = HEADER.to_owned();
        for (id, status) in &self.labs {
            text.push_str(&format!("{id} = {status}\n"));
        }
        if let Some(parent) = self.path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&self.path, text).with_context(|| format!("cannot write {}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_survive_a_reload_and_never_downgrade() {
        let dir = std::env::temp_dir().join(format!("milvus-labs-progress-{}", std::process::id()));
        let mut progress = Progress::load(&dir).unwrap();
        progress.record("phase2/a", Status::Started).unwrap();
        progress.record("phase2/b", Status::Passed).unwrap();
        progress.record("phase2/b", Status::Started).unwrap();
        let reloaded = Progress::load(&dir).unwrap();
        assert_eq!(reloaded.status("phase2/a"), Some(Status::Started));
        assert_eq!(reloaded.status("phase2/b"), Some(Status::Passed));
        assert_eq!(reloaded.status("phase2/c"), None);
        let text = std::fs::read_to_string(dir.join("progress.txt")).unwrap();
        assert!(text.ends_with("phase2/a = started\nphase2/b = passed\n"), "{text}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
