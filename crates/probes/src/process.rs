//! A server process's memory as Linux reports it: `/proc/<pid>/status` for
//! resident memory by kind, `/proc/<pid>/maps` for what is mapped from files.
//! The fixture fetches the two texts from wherever the process runs.

use anyhow::{Context, Result};

/// Resident memory by kind, in KiB: anonymous (heap, what a load copies into
/// memory) and file-backed (code, and files mapped with mmap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcessMemory {
    pub vm_rss_kib: u64,
    pub rss_anon_kib: u64,
    pub rss_file_kib: u64,
}

impl ProcessMemory {
    /// Reads `VmRSS`, `RssAnon` and `RssFile` from the text of `/proc/<pid>/status`.
    pub fn from_status(status: &str) -> Result<ProcessMemory> {
        let field = |name: &str| -> Result<u64> {
            let line = status
                .lines()
                .find_map(|line| line.strip_prefix(name).and_then(|rest| rest.strip_prefix(':')))
                .with_context(|| format!("/proc status has no {name} line"))?;
            let kib = line.trim().trim_end_matches("kB").trim();
            kib.parse().with_context(|| format!("{name} is not a number of kB: {line:?}"))
        };
        Ok(ProcessMemory {
            vm_rss_kib: field("VmRSS")?,
            rss_anon_kib: field("RssAnon")?,
            rss_file_kib: field("RssFile")?,
        })
    }
}

/// One file mapping of `/proc/<pid>/maps`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMapping {
    pub path: String,
    pub bytes: u64,
    /// The file was unlinked after it was mapped (`(deleted)`).
    pub deleted: bool,
}

/// The file mappings of a `/proc/<pid>/maps` text (anonymous ones and the
/// kernel's `[heap]`-style ones are left out).
pub fn file_mappings(maps: &str) -> Result<Vec<FileMapping>> {
    let mut mappings = Vec::new();
    for line in maps.lines() {
        // address perms offset dev inode path...
        let columns: Vec<&str> = line.split_whitespace().collect();
        let path = columns.get(5..).unwrap_or_default().join(" ");
        if !path.starts_with('/') {
            continue;
        }
        let range = columns[0];
        let (start, end) = range.split_once('-').with_context(|| format!("maps line without a range: {line:?}"))?;
        let address = |hex: &str| u64::from_str_radix(hex, 16).with_context(|| format!("bad address in {line:?}"));
        let (path, deleted) = match path.strip_suffix(" (deleted)") {
            Some(path) => (path.to_owned(), true),
            None => (path, false),
        };
        mappings.push(FileMapping { path, bytes: address(end)? - address(start)?, deleted });
    }
    Ok(mappings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_resident_memory_by_kind() {
        let status = "Name:\tmilvus\nVmRSS:\t  315584 kB\nRssAnon:\t  128204 kB\nRssFile:\t  187380 kB\nRssShmem:\t       0 kB\n";
        assert_eq!(
            ProcessMemory::from_status(status).unwrap(),
            ProcessMemory { vm_rss_kib: 315584, rss_anon_kib: 128204, rss_file_kib: 187380 }
        );
        assert!(ProcessMemory::from_status("Name:\tmilvus\n").is_err());
    }

    #[test]
    fn lists_file_mappings_with_their_size() {
        let maps = "\
7f5aa5600000-7f5aa7c26000 r--s 00000000 fe:00 950358                     /var/lib/milvus/mmap/4709/102 (deleted)
7f5ad0a42000-7f5ad0b06000 r-xp 00000000 fe:00 1234                       /milvus/lib/libknowhere.so
7f5ad0b06000-7f5ad0b07000 rw-p 00000000 00:00 0 
7ffd1000-7ffd2000 rw-p 00000000 00:00 0                                  [stack]
";
        assert_eq!(
            file_mappings(maps).unwrap(),
            [
                FileMapping {
                    path: "/var/lib/milvus/mmap/4709/102".to_owned(),
                    bytes: 0x7f5aa7c26000 - 0x7f5aa5600000,
                    deleted: true
                },
                FileMapping { path: "/milvus/lib/libknowhere.so".to_owned(), bytes: 0xc4000, deleted: false },
            ]
        );
    }
}
