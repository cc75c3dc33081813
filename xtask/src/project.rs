//! Where the repository and its state folder are.

use std::path::{Path, PathBuf};

use lab_framework::state::StateDir;

pub struct Project {
    pub root: PathBuf,
    pub state: StateDir,
}

impl Project {
    /// The repository this binary was built from. `MILVUS_LABS_STATE_DIR` moves the
    /// state folder (tests use it to stay apart from a learner's `.labs/`).
    pub fn current() -> Project {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_owned();
        let state = match std::env::var_os("MILVUS_LABS_STATE_DIR") {
            Some(dir) => StateDir::at(PathBuf::from(dir)),
            None => StateDir::new(&root),
        };
        Project { root, state }
    }
}
