//! All labs, and finding one by id or phase with a helpful error.

use std::fmt;

use crate::{Lab, LabMeta, Mode};

/// A bad lab id or phase. The CLI maps it to the usage exit code.
#[derive(Debug)]
pub struct UnknownLab {
    pub input: String,
    /// The nearest id or phase that has labs.
    pub suggestion: Option<String>,
    /// The input names a phase of the course that has no labs yet, and these
    /// are the phases that have some.
    pub empty_phase: Option<(u8, Vec<String>)>,
}

impl fmt::Display for UnknownLab {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((phase, with_labs)) = &self.empty_phase {
            return write!(
                f,
                "phase {phase} ({}) has no labs yet; phases with labs: {}",
                crate::phase_title(*phase),
                with_labs.join(", ")
            );
        }
        write!(f, "no lab or phase named `{}`", self.input)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, "; did you mean `{suggestion}`?")?;
        }
        write!(f, " (`cargo xtask list` shows every lab)")
    }
}

impl std::error::Error for UnknownLab {}

pub struct Catalog {
    labs: Vec<&'static dyn Lab>,
}

impl Catalog {
    /// Sorts labs by phase, keeping each phase's order. Panics on a duplicate id,
    /// which is a programming error caught by the catalogue test.
    pub fn new(mut labs: Vec<&'static dyn Lab>) -> Catalog {
        labs.sort_by_key(|lab| lab.meta().phase);
        for (i, lab) in labs.iter().enumerate() {
            let id = lab.meta().id;
            assert!(labs[..i].iter().all(|other| other.meta().id != id), "duplicate lab id {id}");
        }
        Catalog { labs }
    }

    pub fn all(&self) -> &[&'static dyn Lab] {
        &self.labs
    }

    pub fn find(&self, id: &str) -> Result<&'static dyn Lab, UnknownLab> {
        self.labs.iter().copied().find(|lab| lab.meta().id == id).ok_or_else(|| self.unknown(id))
    }

    /// `phase2`, `2` or a lab id: the labs it names, in order.
    pub fn resolve(&self, target: &str) -> Result<Vec<&'static dyn Lab>, UnknownLab> {
        if let Some(phase) = parse_phase(target) {
            let labs = self.select(Some(phase), None);
            if !labs.is_empty() {
                return Ok(labs);
            }
        }
        self.find(target).map(|lab| vec![lab])
    }

    /// The lab to suggest next: the first one not passed that this machine
    /// runs, looking after `after` first and then from the start; if the
    /// machine runs none of them, the first one not passed.
    pub fn next_lab(
        &self,
        after: Option<&str>,
        passed: impl Fn(&str) -> bool,
        runs_here: impl Fn(&LabMeta) -> bool,
    ) -> Option<&'static dyn Lab> {
        let start = after.and_then(|id| self.labs.iter().position(|lab| lab.meta().id == id)).map_or(0, |i| i + 1);
        let (before, rest) = self.labs.split_at(start);
        let open: Vec<&'static dyn Lab> =
            rest.iter().chain(before).copied().filter(|lab| !passed(lab.meta().id)).collect();
        open.iter().copied().find(|lab| runs_here(lab.meta())).or_else(|| open.first().copied())
    }

    pub fn select(&self, phase: Option<u8>, mode: Option<Mode>) -> Vec<&'static dyn Lab> {
        self.labs
            .iter()
            .copied()
            .filter(|lab| phase.is_none_or(|p| lab.meta().phase == p))
            .filter(|lab| mode.is_none_or(|m| lab.meta().mode == m))
            .collect()
    }

    fn unknown(&self, input: &str) -> UnknownLab {
        let mut with_labs: Vec<u8> = self.labs.iter().map(|lab| lab.meta().phase).collect();
        with_labs.dedup();
        let phases: Vec<String> = with_labs.iter().map(|p| format!("phase{p}")).collect();
        let empty_phase = parse_phase(input).filter(|p| !with_labs.contains(p)).map(|p| (p, phases.clone()));
        let names = self.labs.iter().map(|lab| lab.meta().id.to_owned()).chain(phases);
        let suggestion = names
            .map(|name| (strsim::jaro_winkler(input, &name), name))
            .filter(|(score, _)| *score > 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, name)| name);
        UnknownLab { input: input.to_owned(), suggestion, empty_phase }
    }
}

fn parse_phase(target: &str) -> Option<u8> {
    target.strip_prefix("phase").unwrap_or(target).parse().ok().filter(|p| (1..=10).contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Assertion, LabContext, LabMeta, MilvusVersion, Weight};

    struct Fake(&'static LabMeta);
    impl Lab for Fake {
        fn meta(&self) -> &'static LabMeta {
            self.0
        }
        fn check(&self, _: &LabContext) -> anyhow::Result<Vec<Assertion>> {
            Ok(vec![])
        }
    }

    const fn meta(id: &'static str, phase: u8) -> LabMeta {
        LabMeta {
            id,
            title: "t",
            phase,
            mode: Mode::Lite,
            weight: Weight::LITE,
            minutes: 15,
            components: &[],
            versions: &[MilvusVersion::Lite3_2],
            requirements: &[],
            settings: &[],
            crate_dir: ".",
            assertions: &["a"],
        }
    }
    static QUICKSTART: LabMeta = meta("phase2/lite-quickstart", 2);
    static DELETE: LabMeta = meta("phase5/filtered-delete", 5);
    static LABS: [Fake; 2] = [Fake(&DELETE), Fake(&QUICKSTART)];

    fn catalog() -> Catalog {
        Catalog::new(LABS.iter().map(|lab| lab as &dyn Lab).collect())
    }

    #[test]
    fn next_lab_is_one_this_machine_runs_after_the_one_just_passed() {
        let catalog = catalog();
        let id = |lab: Option<&dyn Lab>| lab.map(|lab| lab.meta().id);
        let nothing_passed = |_: &str| false;
        let runs_all = |_: &LabMeta| true;
        let runs_phase5 = |meta: &LabMeta| meta.phase == 5;
        assert_eq!(id(catalog.next_lab(None, nothing_passed, runs_all)), Some("phase2/lite-quickstart"));
        assert_eq!(id(catalog.next_lab(None, nothing_passed, runs_phase5)), Some("phase5/filtered-delete"));
        // After the last lab, the search wraps around to what is still open.
        assert_eq!(
            id(catalog.next_lab(Some("phase5/filtered-delete"), nothing_passed, runs_all)),
            Some("phase2/lite-quickstart")
        );
        // Nothing runs here: still the first open lab, so the learner sees what it needs.
        let passed_quickstart = |lab: &str| lab == "phase2/lite-quickstart";
        assert_eq!(id(catalog.next_lab(None, passed_quickstart, |_| false)), Some("phase5/filtered-delete"));
        assert_eq!(id(catalog.next_lab(None, |_| true, runs_all)), None);
    }

    #[test]
    fn labs_are_ordered_by_phase() {
        let ids: Vec<_> = catalog().all().iter().map(|lab| lab.meta().id).collect();
        assert_eq!(ids, ["phase2/lite-quickstart", "phase5/filtered-delete"]);
    }

    #[test]
    fn resolves_phases_and_ids() {
        let ids = |target| catalog().resolve(target).unwrap().iter().map(|lab| lab.meta().id).collect::<Vec<_>>();
        assert_eq!(ids("phase5"), ["phase5/filtered-delete"]);
        assert_eq!(ids("2"), ["phase2/lite-quickstart"]);
        assert_eq!(ids("phase2/lite-quickstart"), ["phase2/lite-quickstart"]);
    }

    #[test]
    fn unknown_names_suggest_the_nearest() {
        let error = catalog().resolve("phase2/lite-quikstart").err().unwrap();
        assert_eq!(error.suggestion.as_deref(), Some("phase2/lite-quickstart"));
        let error = catalog().resolve("phase3").err().unwrap();
        assert_eq!(
            error.to_string(),
            "phase 3 (Dependencies: etcd, object storage, message queue) has no labs yet; phases with labs: phase2, \
             phase5"
        );
        let error = catalog().resolve("phase2/lite-quickstat").err().unwrap();
        assert!(error.to_string().contains("did you mean `phase2/lite-quickstart`?"), "{error}");
        assert_eq!(catalog().resolve("zzzz").err().unwrap().suggestion, None);
    }
}
