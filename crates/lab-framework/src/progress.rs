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

/// The file as the learner left it: every line is kept, lines the tool does
/// not understand included; `record` changes only the line of its lab.
pub struct Progress {
    path: PathBuf,
    lines: Vec<String>,
    labs: BTreeMap<String, Status>,
    /// What the learner should know about the file: lines kept without being
    /// understood, or an unreadable file moved aside. Commands print them.
    pub warnings: Vec<String>,
}

const HEADER: &str = "# Your progress through the Milvus Operations labs (`cargo xtask list` shows it).";

/// `lab-id = started|passed`, or `None` for any other line.
fn parse(line: &str) -> Option<(&str, Status)> {
    let (id, status) = line.split_once('=')?;
    let status = match status.trim() {
        "started" => Status::Started,
        "passed" => Status::Passed,
        _ => return None,
    };
    let id = id.trim();
    (!id.is_empty() && !id.contains(char::is_whitespace)).then_some((id, status))
}

impl Progress {
    /// Reads the file. A line it does not understand is kept and reported
    /// (file and line); a file that is not text is moved aside as `.bak`, and
    /// the warning says where.
    pub fn load(state_root: &Path) -> Result<Progress> {
        let path = state_root.join("progress.txt");
        let mut warnings = Vec::new();
        let text = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    let backup = path.with_extension("txt.bak");
                    std::fs::rename(&path, &backup)
                        .with_context(|| format!("cannot move {} to {}", path.display(), backup.display()))?;
                    warnings.push(format!(
                        "{} was not text (UTF-8); it is kept as {} and a new one is started",
                        path.display(),
                        backup.display()
                    ));
                    String::new()
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let mut labs = BTreeMap::new();
        for (number, line) in lines.iter().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            match parse(trimmed) {
                Some((id, status)) => {
                    labs.insert(id.to_owned(), status);
                }
                None => warnings.push(format!(
                    "{} line {}: `{trimmed}` is not `<lab-id> = started` or `= passed`; it is kept as it is",
                    path.display(),
                    number + 1
                )),
            }
        }
        Ok(Progress { path, lines, labs, warnings })
    }

    pub fn status(&self, lab_id: &str) -> Option<Status> {
        self.labs.get(lab_id).copied()
    }

    /// Records a status; `passed` is never downgraded to `started`. Only the
    /// lab's own line changes (or is added); every other line stays.
    pub fn record(&mut self, lab_id: &str, status: Status) -> Result<()> {
        let entry = self.labs.entry(lab_id.to_owned()).or_insert(status);
        if status == Status::Passed {
            *entry = Status::Passed;
        }
        let new_line = format!("{lab_id} = {}", *entry);
        let own = self.lines.iter().position(|line| parse(line.trim()).is_some_and(|(id, _)| id == lab_id));
        match own {
            Some(index) => self.lines[index] = new_line,
            None => {
                if self.lines.is_empty() {
                    self.lines.push(HEADER.to_owned());
                }
                self.lines.push(new_line);
            }
        }
        if let Some(parent) = self.path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let text = self.lines.join("\n") + "\n";
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

    #[test]
    fn lines_it_does_not_understand_are_reported_and_kept() {
        let dir = std::env::temp_dir().join(format!("milvus-labs-progress-kept-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mine = "# mine\nphase2/a = started\nphase3/x = done, mostly\n\nnote to self: redo phase 3\n";
        std::fs::write(dir.join("progress.txt"), mine).unwrap();
        let mut progress = Progress::load(&dir).unwrap();
        assert_eq!(progress.warnings.len(), 2, "{:?}", progress.warnings);
        assert!(progress.warnings[0].ends_with("progress.txt line 3: `phase3/x = done, mostly` is not `<lab-id> = started` or `= passed`; it is kept as it is"), "{}", progress.warnings[0]);
        progress.record("phase2/a", Status::Passed).unwrap();
        progress.record("phase5/b", Status::Started).unwrap();
        let text = std::fs::read_to_string(dir.join("progress.txt")).unwrap();
        assert_eq!(
            text,
            "# mine\nphase2/a = passed\nphase3/x = done, mostly\n\nnote to self: redo phase 3\nphase5/b = started\n"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_that_is_not_text_is_moved_aside_not_fatal() {
        let dir = std::env::temp_dir().join(format!("milvus-labs-progress-bytes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("progress.txt"), b"phase2/a = passed\n\xff\xfe\n").unwrap();
        let progress = Progress::load(&dir).unwrap();
        assert_eq!(progress.status("phase2/a"), None);
        assert!(progress.warnings[0].contains("was not text (UTF-8); it is kept as"), "{:?}", progress.warnings);
        assert_eq!(std::fs::read(dir.join("progress.txt.bak")).unwrap(), b"phase2/a = passed\n\xff\xfe\n");
        assert!(!dir.join("progress.txt").exists());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
