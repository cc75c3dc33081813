//! Check reports: named assertions with expected, observed and a hint.

use std::fmt::{self, Display, Write as _};

use serde::Serialize;

/// One named fact a check verified against live state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assertion {
    pub name: String,
    pub expected: String,
    pub observed: String,
    /// What to try when it does not hold.
    pub hint: String,
    pub holds: bool,
    /// A measurement of live state that differs on every run (a database size):
    /// snapshots show `[MEASURED]` instead of its values.
    #[serde(skip)]
    pub measured: bool,
}

impl Assertion {
    /// Holds when `observed` renders the same as `expected`.
    pub fn equal(name: &str, expected: impl Display, observed: impl Display, hint: &str) -> Assertion {
        let (expected, observed) = (expected.to_string(), observed.to_string());
        Assertion {
            holds: expected == observed,
            name: name.into(),
            expected,
            observed,
            hint: hint.into(),
            measured: false,
        }
    }

    /// Holds when `holds` is true; `expected` and `observed` are descriptions.
    pub fn that(name: &str, holds: bool, expected: impl Display, observed: impl Display, hint: &str) -> Assertion {
        Assertion {
            name: name.into(),
            expected: expected.to_string(),
            observed: observed.to_string(),
            hint: hint.into(),
            holds,
            measured: false,
        }
    }

    /// Holds when the learner's `answer` is within `tolerance` (a fraction, and
    /// at least 1) of the `live` measurement.
    pub fn within(
        name: &str,
        live: u64,
        answer: std::result::Result<u64, String>,
        tolerance: f64,
        hint: &str,
    ) -> Assertion {
        let slack = ((live as f64 * tolerance).round() as u64).max(1);
        let expected = format!("{live} (± {slack})");
        let assertion = match answer {
            Ok(answer) => Assertion::that(name, live.abs_diff(answer) <= slack, expected, answer, hint),
            Err(error) => Assertion::that(name, false, expected, error, hint),
        };
        assertion.measured()
    }

    /// Marks the values as a measurement that differs on every run.
    pub fn measured(self) -> Assertion {
        Assertion { measured: true, ..self }
    }

    /// An assertion whose observation failed (the probe returned an error); it does not hold.
    pub fn probe_failed(name: &str, expected: impl Display, error: &anyhow::Error, hint: &str) -> Assertion {
        Assertion::that(name, false, expected, format!("error: {error:#}"), hint)
    }
}

/// The answers file an observation says cannot be read or parsed, as
/// `LabContext::answers` words it: `cannot read <file>: …`, `<file> line N: …`
/// or `<file>: …`.
fn answers_file_error(observed: &str) -> Option<&str> {
    let rest = observed.strip_prefix("cannot read ").unwrap_or(observed);
    let file = rest.split([' ', ':']).next()?;
    let is_answers = file.ends_with(".toml") && !file.contains('/');
    (is_answers && (rest[file.len()..].starts_with(" line ") || rest[file.len()..].starts_with(':'))).then_some(file)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Fail,
}

impl Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Pass => "PASS",
            Verdict::Fail => "FAIL",
        })
    }
}

/// The result of one check of one lab.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub lab: String,
    pub assertions: Vec<Assertion>,
}

impl CheckReport {
    /// A report of `assertions`. An answers file that cannot be read fails every
    /// assertion that reads it with the same error: the first keeps the error
    /// (file, line, what was expected) with a hint to fix the file, and the
    /// others point to it instead of repeating it under unrelated hints.
    pub fn new(lab: &str, mut assertions: Vec<Assertion>) -> CheckReport {
        for i in 0..assertions.len() {
            let Some(file) = answers_file_error(&assertions[i].observed).map(str::to_owned) else { continue };
            if assertions[i].holds {
                continue;
            }
            let first = assertions[..i].iter().find(|a| !a.holds && a.observed == assertions[i].observed);
            match first.map(|a| a.name.clone()) {
                Some(first) => {
                    assertions[i].observed = format!("not read: {file} has an error (see `{first}`)");
                    assertions[i].hint = format!("fix {file} first");
                }
                None if assertions[i].observed.starts_with("cannot read ") => {
                    assertions[i].hint = format!("write {file} in the lab folder, then check again");
                }
                None => assertions[i].hint = format!("fix {file} where the error says, then check again"),
            }
        }
        CheckReport { lab: lab.to_owned(), assertions }
    }

    /// Pass only if there is at least one assertion and all hold.
    pub fn verdict(&self) -> Verdict {
        if !self.assertions.is_empty() && self.assertions.iter().all(|a| a.holds) {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }

    fn headline(&self) -> String {
        let holding = self.assertions.iter().filter(|a| a.holds).count();
        format!("{}: {}, {holding} of {} assertions hold", self.lab, self.verdict(), self.assertions.len())
    }

    /// For the learner: one line per holding assertion, details for the others.
    pub fn render_human(&self) -> String {
        let mut out = self.headline();
        out.push('\n');
        for a in &self.assertions {
            if a.holds {
                let _ = writeln!(out, "  ✓ {}: {}", a.name, a.observed);
            } else {
                let _ = writeln!(
                    out,
                    "  ✗ {}\n      expected: {}\n      observed: {}\n      hint: {}",
                    a.name, a.expected, a.observed, a.hint
                );
            }
        }
        out
    }

    /// Every field of every assertion, with varying values replaced.
    pub fn render_snapshot(&self, redactions: &Redactions) -> String {
        let mut out = self.headline();
        out.push('\n');
        for a in &self.assertions {
            let mark = if a.holds { "✓" } else { "✗" };
            let (expected, observed) =
                if a.measured { ("[MEASURED]", "[MEASURED]") } else { (a.expected.as_str(), a.observed.as_str()) };
            let _ = writeln!(out, "{mark} {}\n    expected: {expected}\n    observed: {observed}", a.name);
            if !a.holds {
                let _ = writeln!(out, "    hint: {}", a.hint);
            }
        }
        redactions.apply(&out)
    }
}

/// Replaces values that vary between runs (endpoints, ports, paths) with
/// stable placeholders, longest value first so a URI wins over its port.
#[derive(Debug, Default, Clone)]
pub struct Redactions {
    pairs: Vec<(String, String)>,
}

impl Redactions {
    pub fn new() -> Redactions {
        Redactions::default()
    }

    pub fn with(mut self, value: impl Into<String>, placeholder: &str) -> Redactions {
        let value = value.into();
        if !value.is_empty() {
            self.pairs.push((value, format!("[{placeholder}]")));
            self.pairs.sort_by_key(|(value, _)| std::cmp::Reverse(value.len()));
        }
        self
    }

    /// Replaces the registered values, then every run of 16 or more digits: Milvus'
    /// collection, segment and log ids and its timestamps differ on every run.
    pub fn apply(&self, text: &str) -> String {
        let text =
            self.pairs.iter().fold(text.to_owned(), |text, (value, placeholder)| text.replace(value, placeholder));
        redact_ids(&text)
    }
}

const ID_DIGITS: usize = 16;

fn redact_ids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        out.push_str(if digits.len() >= ID_DIGITS { "[ID]" } else { digits.as_str() });
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(holds: &[bool]) -> CheckReport {
        let assertions = holds
            .iter()
            .enumerate()
            .map(|(i, h)| Assertion::that(&format!("fact {i}"), *h, "yes", if *h { "yes" } else { "no" }, "do it"))
            .collect();
        CheckReport::new("phase0/demo", assertions)
    }

    #[test]
    fn verdict_needs_every_assertion_and_at_least_one() {
        assert_eq!(report(&[true, true]).verdict(), Verdict::Pass);
        assert_eq!(report(&[true, false]).verdict(), Verdict::Fail);
        assert_eq!(report(&[]).verdict(), Verdict::Fail, "a check that asserts nothing cannot pass");
    }

    #[test]
    fn an_unreadable_answers_file_is_reported_once() {
        let error = "trail.toml line 3: invalid type: string \"twelve\", expected u64";
        let assertions = vec![
            Assertion::equal("rows", 10, 10, "run it"),
            Assertion::equal("trail.toml: collection_id", 42, error, "describe_collection"),
            Assertion::equal("trail.toml: segments", 3, error, "count the keys"),
        ];
        let report = CheckReport::new("phase1/demo", assertions);
        let [_, first, second] = &report.assertions[..] else { panic!() };
        assert_eq!(
            (first.observed.as_str(), first.hint.as_str()),
            (error, "fix trail.toml where the error says, then check again")
        );
        assert_eq!(second.observed, "not read: trail.toml has an error (see `trail.toml: collection_id`)");
        assert_eq!(second.hint, "fix trail.toml first");
        let missing = CheckReport::new("d", vec![Assertion::equal("a", 1, "cannot read mq.toml: No such file", "h")]);
        assert_eq!(missing.assertions[0].hint, "write mq.toml in the lab folder, then check again");
        let other = CheckReport::new("d", vec![Assertion::equal("a", 1, "by-dev/x.toml: 2", "h")]);
        assert_eq!(other.assertions[0].hint, "h", "only answers files in the learner's folder");
    }

    #[test]
    fn long_digit_runs_are_ids() {
        let text = "by-dev/meta/s/465207113419440411/465207113419440412 port 40123 v2.3.5";
        assert_eq!(Redactions::new().apply(text), "by-dev/meta/s/[ID]/[ID] port 40123 v2.3.5");
    }

    #[test]
    fn equal_compares_rendered_values() {
        assert!(Assertion::equal("n", 100, "100", "").holds);
        assert!(!Assertion::equal("n", 100, 99, "").holds);
    }

    #[test]
    fn human_report_shows_details_only_for_failures() {
        let text = report(&[true, false]).render_human();
        assert_eq!(
            text,
            "phase0/demo: FAIL, 1 of 2 assertions hold\n  ✓ fact 0: yes\n  ✗ fact 1\n      expected: yes\n      observed: no\n      hint: do it\n"
        );
    }

    #[test]
    fn redactions_prefer_the_longest_value() {
        let redactions = Redactions::new().with("40123", "PORT").with("http://127.0.0.1:40123", "MILVUS_URI");
        assert_eq!(redactions.apply("at http://127.0.0.1:40123, port 40123"), "at [MILVUS_URI], port [PORT]");
        assert_eq!(Redactions::new().with("", "EMPTY").apply("abc"), "abc", "an empty value redacts nothing");
    }
}
