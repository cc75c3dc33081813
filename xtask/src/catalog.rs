//! Every lab of every phase crate: the one list the CLI knows.

use lab_framework::catalog::Catalog;

pub fn catalog() -> Catalog {
    let labs = [
        phase1_architecture::labs(),
        phase2_deployment::labs(),
        phase3_dependencies::labs(),
        phase4_configuration::labs(),
        phase5_data_operations::labs(),
        phase6_scaling::labs(),
        phase7_performance::labs(),
        phase8_security::labs(),
        phase9_backup_recovery::labs(),
        phase10_monitoring::labs(),
    ]
    .concat();
    Catalog::new(labs)
}

/// Repository checks: every lab is complete and consistent with the rest of the repo.
#[cfg(test)]
mod tests {
    use std::path::Path;

    use lab_framework::{MilvusVersion, Requirement, phase_title};

    use super::catalog;

    fn repo_root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
    }

    #[test]
    fn every_lab_has_its_files() {
        for lab in catalog().all() {
            let meta = lab.meta();
            let id = meta.id;
            assert!(id.starts_with(&format!("phase{}/", meta.phase)), "{id} must live under phase{}/", meta.phase);
            assert_ne!(phase_title(meta.phase), "unknown phase", "{id}");
            assert!(!meta.versions.is_empty(), "{id} must name the versions it supports");

            let content = std::fs::read_to_string(meta.content_file(repo_root()))
                .unwrap_or_else(|e| panic!("{id} needs content/{id}.md: {e}"));
            for section in ["## Your task", "## Hints"] {
                assert!(content.contains(&format!("\n{section}\n")), "content/{id}.md lacks `{section}`");
            }
            assert!(
                !content.contains("\n## What the check verifies\n"),
                "content/{id}.md: that section is generated from LabMeta::assertions"
            );
            assert!(content.contains("cargo xtask check"), "content/{id}.md must name the next command");

            let exercises = meta.exercises_dir();
            assert!(
                std::fs::read_dir(&exercises).map(|mut d| d.next().is_some()).unwrap_or(false),
                "{id}: {} is empty",
                exercises.display()
            );
            assert!(meta.solutions_dir().join("solve.sh").is_file(), "{id} needs solutions/{}/solve.sh", meta.slug());
            assert!(
                !meta.wrong_answers().unwrap().is_empty()
                    || !meta.wrong_first_answers().unwrap().is_empty()
                    || !meta.wrong_facts().unwrap().is_empty(),
                "{id} needs at least one wrong-*.sh"
            );
            // CI verifies Docker labs on the offline profile; Lite labs have one version.
            // A lab that needs an image the offline profile lacks (Kafka) has no such run.
            let offline_lacks = meta.requirements.iter().any(|r| {
                matches!(r, Requirement::Image(logical)
                    if fixtures::images::unavailable(fixtures::images::Profile::Offline, logical).is_some())
            });
            if offline_lacks {
                continue;
            }
            let version = lab_framework::fixtures_version(meta.mode, fixtures::images::Profile::Offline).unwrap();
            let name = lab_framework::runner::snapshot_name(meta, version);
            let snapshot = Path::new(meta.crate_dir).join("snapshots").join(format!("{name}.snap"));
            assert!(snapshot.is_file(), "{id} needs its report snapshot: run `cargo xtask verify-all --accept`");
        }
    }

    #[test]
    fn every_box_of_the_architecture_view_is_described_and_exercised() {
        use fixtures::versions::SERVER_VERSIONS;
        use lab_framework::components::{COMPONENTS, find};

        let drawn: Vec<&str> =
            SERVER_VERSIONS.iter().flat_map(|v| v.architecture().unwrap().components.iter().copied()).collect();
        for id in &drawn {
            assert!(find(id).is_some(), "components.rs must describe `{id}`, a box of the diagram");
        }
        for component in COMPONENTS {
            assert!(drawn.contains(&component.id), "`{}` is in no version's diagram", component.id);
        }
        for lab in catalog().all() {
            for id in lab.meta().components {
                assert!(find(id).is_some(), "{} names an unknown box `{id}`", lab.meta().id);
            }
        }
        // A box of the offline version with no lab would send the learner nowhere.
        let named = |id: &str| catalog().all().iter().any(|lab| lab.meta().components.contains(&id));
        let v2_3 = lab_framework::MilvusVersion::V2_3.architecture().unwrap();
        for id in v2_3.components.iter().filter(|id| **id != "indexcoord") {
            assert!(named(id), "no lab exercises `{id}`");
        }
    }

    #[test]
    fn every_failure_the_book_quotes_is_the_servers_words_from_a_lab() {
        let mut sources = String::new();
        // A lab is its crate and its page; the version module holds the rest.
        for dir in ["labs", "content", "crates/fixtures/src"] {
            collect_text(&repo_root().join(dir), &mut sources);
        }
        for component in lab_framework::components::COMPONENTS {
            for failure in component.failures {
                assert!(
                    sources.contains(failure.says),
                    "`{}` ({}) is in no lab, lab page, snapshot or the version module",
                    failure.says,
                    component.id
                );
            }
        }
    }

    /// Every text file under `dir`, appended.
    fn collect_text(dir: &Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_text(&path, out);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                out.push_str(&text);
            }
        }
    }

    #[test]
    fn every_wrong_answer_says_what_it_gets_wrong() {
        for lab in catalog().all() {
            let meta = lab.meta();
            let wrong = [meta.wrong_answers(), meta.wrong_first_answers(), meta.wrong_facts()];
            for script in wrong.into_iter().flat_map(|scripts| scripts.unwrap()) {
                let text = std::fs::read_to_string(&script).unwrap();
                assert!(
                    text.starts_with("# Plausible wrong answer: "),
                    "{} must open with what it gets wrong",
                    script.display()
                );
            }
        }
    }

    #[test]
    fn lite_version_matches_the_pinned_package() {
        let pinned = fixtures::python::REQUIREMENTS
            .lines()
            .find_map(|line| line.strip_prefix("milvus-lite=="))
            .expect("milvus-lite is pinned");
        let label = MilvusVersion::Lite3_2.label();
        let minor = label.strip_prefix("lite-").unwrap();
        assert!(
            pinned.starts_with(&format!("{minor}.")),
            "versions.rs says {label} but requirements.txt pins {pinned}"
        );
    }

    #[test]
    fn the_readme_gives_the_test_command_ci_runs() {
        let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
        let ci = std::fs::read_to_string(repo_root().join(".ci/run")).unwrap();
        assert!(readme.contains("cargo xtask test"), "README.md must give the test command");
        assert!(
            ci.contains("cargo xtask test --require-all"),
            ".ci/run must run the README's test command with --require-all"
        );
    }
}
