//! Alert rules that fire: the learner writes four Prometheus alerts for
//! Milvus. The check runs promtool in the stack's Prometheus on the learner's
//! file: `check rules`, then `test rules` on the lab's own 40 minutes of
//! series (healthy, then broken), asking for no alert at all at two moments.
//! promtool then names every alert that fired, whatever its labels: an alert
//! must be silent at minute 19 and firing at minute 39.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight};
use serde_norway::Value;

use crate::DOCS;

pub struct AlertRules;

// The check's assertions, in report order; the book lists them from `META`.
const VALID: &str = "promtool check rules accepts rules/milvus.rules.yml";
const NAMED: &str = "the file defines the four alerts";
const FAILING: &str = "MilvusRequestsFailing: silent while healthy, firing once requests fail";
const SLOW: &str = "MilvusSearchSlow: silent while healthy, firing once searches take seconds";
const MEMORY: &str = "MilvusMemoryHigh: silent while healthy, firing above 4 GiB";
const STALLED: &str = "MilvusTimeTickStalled: silent while healthy, firing once the time tick lags";

static META: LabMeta = LabMeta {
    id: "phase10/alert-rules",
    title: "Alert rules that fire",
    phase: 10,
    mode: Mode::Compose,
    weight: Weight::COMPOSE_MONITORED,
    minutes: 30,
    components: &["proxy", "querynode"],
    // The metric names of 2.3 (no milvus_rootcoord_time_tick_delay); measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::MONITORED_COMPOSE_LAB,
    settings: &[Setting::Prometheus],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[VALID, NAMED, FAILING, SLOW, MEMORY, STALLED],
};

const RULES: &str = "rules/milvus.rules.yml";
const SERIES: &str = "rules/milvus.rules.test.yml";
/// Names in the Prometheus container's /tmp, where promtool reads them.
const RULES_IN_CONTAINER: &str = "milvus.rules.yml";
const TEST_IN_CONTAINER: &str = "milvus-labs-check.test.yml";
/// The lab's series are healthy until minute 20 and broken from then on.
const HEALTHY_AT: &str = "19m";
const BROKEN_AT: &str = "39m";

/// Each alert, its assertion, and what to try when it never fires.
const ALERTS: [(&str, &str, &str); 4] = [
    (
        "MilvusRequestsFailing",
        FAILING,
        "a counter only grows: alert on its rate, sum(rate(milvus_proxy_req_count{status=\"fail\"}[5m])) > 0",
    ),
    (
        "MilvusSearchSlow",
        SLOW,
        "milvus_proxy_sq_latency is in milliseconds: histogram_quantile(0.99, sum by (le) (rate(milvus_proxy_sq_latency_bucket{query_type=\"search\"}[5m]))) > 1000",
    ),
    ("MilvusMemoryHigh", MEMORY, "process_resident_memory_bytes is in bytes: 4 GiB is 4 * 1024^3"),
    (
        "MilvusTimeTickStalled",
        STALLED,
        "2.3 exports the lag as milvus_datanode_consume_tt_lag_ms (milliseconds); look for tt_lag in $MILVUS_HTTP/metrics",
    ),
];

impl Lab for AlertRules {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// Traffic, so the metrics the alerts read exist on the live server:
    /// inserts (time-tick lag), searches (latency) and a failed search.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let milvus = ctx.milvus()?;
        if crate::seed_docs(&milvus)? {
            for id in 0..10 {
                milvus.search_many_bounded(DOCS.name, DOCS.vector_field, vec![crate::docs_vector(id)], 5)?;
            }
            // A search on a collection that does not exist counts as status="fail".
            let _ = milvus.search_many_bounded("no_such_collection", DOCS.vector_field, vec![vec![0.0; 8]], 5);
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let rules_path = ctx.work_dir.join(RULES);
        let rules = match std::fs::read_to_string(&rules_path) {
            Ok(rules) => rules,
            Err(error) => {
                let error = anyhow::Error::from(error).context(format!("cannot read {RULES}"));
                let mut assertions = vec![Assertion::probe_failed(VALID, "SUCCESS", &error, "")];
                assertions.push(Assertion::probe_failed(NAMED, "four alerts", &error, ""));
                assertions.extend(
                    ALERTS.iter().map(|(_, name, _)| Assertion::probe_failed(name, "silent, then firing", &error, "")),
                );
                return Ok(assertions);
            }
        };
        let valid = ctx.fixture.promtool(
            &ctx.run_dir,
            &[(RULES_IN_CONTAINER, &rules)],
            &["check", "rules", &format!("/tmp/{RULES_IN_CONTAINER}")],
        )?;
        let valid_text = promtool_words(&valid);
        let defined = alert_names(&rules);
        let missing: Vec<&str> = ALERTS.iter().map(|(alert, _, _)| *alert).filter(|a| !defined.contains(*a)).collect();
        let mut assertions = vec![
            Assertion::that(
                VALID,
                valid.status.success(),
                "SUCCESS",
                if valid.status.success() { "SUCCESS".to_owned() } else { valid_text.clone() },
                "bash promtool.sh check rules milvus.rules.yml shows the line and the reason",
            ),
            Assertion::that(
                NAMED,
                missing.is_empty(),
                "all four",
                if missing.is_empty() { "all four".to_owned() } else { format!("missing: {}", missing.join(", ")) },
                "keep the alert names of the exercise file: the tests look them up by name",
            ),
        ];
        if !valid.status.success() {
            let error = anyhow::anyhow!("promtool check rules failed");
            assertions.extend(ALERTS.iter().map(|(_, name, _)| {
                Assertion::probe_failed(name, "silent, then firing", &error, "fix the file first")
            }));
            return Ok(assertions);
        }
        let test = check_test(&ctx_series(self)?)?;
        let tested = ctx.fixture.promtool(
            &ctx.run_dir,
            &[(RULES_IN_CONTAINER, &rules), (TEST_IN_CONTAINER, &test)],
            &["test", "rules", &format!("/tmp/{TEST_IN_CONTAINER}")],
        )?;
        let fired = fired_alerts(&promtool_words(&tested));
        let exported = ctx.fixture.endpoints.http.as_deref().map(|http| {
            lab_framework::probes::get(&format!("{http}/metrics"), None).map(|r| r.body).unwrap_or_default()
        });
        for (alert, name, hint) in ALERTS {
            let at_healthy = fired.contains(&(alert.to_owned(), HEALTHY_AT.to_owned()));
            let at_broken = fired.contains(&(alert.to_owned(), BROKEN_AT.to_owned()));
            let observed = format!(
                "{}, then {}",
                if at_healthy { "firing" } else { "silent" },
                if at_broken { "firing" } else { "silent" }
            );
            let hint = match unknown_metrics(&rules, alert, exported.as_deref().unwrap_or_default()) {
                unknown if !unknown.is_empty() && !at_broken => {
                    format!("{} is not exported by this Milvus: {hint}", unknown.join(", "))
                }
                _ if at_healthy => format!("it fires on a healthy Milvus too: {hint}"),
                _ => hint.to_owned(),
            };
            assertions.push(Assertion::that(name, !at_healthy && at_broken, "silent, then firing", observed, &hint));
        }
        Ok(assertions)
    }
}

/// The lab's own series: the exercise's test file as shipped, not the
/// learner's copy (which they may edit).
fn ctx_series(lab: &AlertRules) -> Result<String> {
    let path = lab.meta().exercises_dir().join(SERIES);
    std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
}

/// The lab's test file with its expectations replaced: no alert at all, for
/// every alert, at the healthy and at the broken moment.
fn check_test(series_file: &str) -> Result<String> {
    let mut test: Value = serde_norway::from_str(series_file).context("the lab's test file is not YAML")?;
    test["rule_files"] = serde_norway::to_value([RULES_IN_CONTAINER])?;
    let expectations: Vec<Value> = ALERTS
        .iter()
        .flat_map(|(alert, _, _)| {
            [HEALTHY_AT, BROKEN_AT].map(|at| {
                serde_norway::to_value(serde_json::json!({"eval_time": at, "alertname": alert, "exp_alerts": []}))
            })
        })
        .collect::<std::result::Result<_, _>>()?;
    let tests = test["tests"].as_sequence_mut().context("the lab's test file has no tests")?;
    for case in tests {
        case["alert_rule_test"] = Value::Sequence(expectations.clone());
    }
    Ok(serde_norway::to_string(&test)?)
}

fn promtool_words(output: &std::process::Output) -> String {
    let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// (alert, eval time) of every expectation promtool reports as failed. Every
/// expectation is "no alert", so each one failed because the alert fired.
fn fired_alerts(promtool: &str) -> BTreeSet<(String, String)> {
    promtool
        .split("alertname: ")
        .skip(1)
        .filter_map(|rest| {
            let (alert, rest) = rest.split_once(", time: ")?;
            let time = rest.split(',').next()?.trim();
            Some((alert.trim().to_owned(), time.to_owned()))
        })
        .collect()
}

/// The `alert:` names of a rules file.
fn alert_names(rules: &str) -> BTreeSet<String> {
    let Ok(file) = serde_norway::from_str::<Value>(rules) else {
        return BTreeSet::new();
    };
    file["groups"]
        .as_sequence()
        .into_iter()
        .flatten()
        .flat_map(|group| group["rules"].as_sequence().cloned().unwrap_or_default())
        .filter_map(|rule| rule["alert"].as_str().map(str::to_owned))
        .collect()
}

/// The `milvus_*` names in `alert`'s expression that the live exposition lacks.
fn unknown_metrics(rules: &str, alert: &str, exposition: &str) -> Vec<String> {
    let Ok(file) = serde_norway::from_str::<Value>(rules) else {
        return Vec::new();
    };
    let expr = file["groups"]
        .as_sequence()
        .into_iter()
        .flatten()
        .flat_map(|group| group["rules"].as_sequence().cloned().unwrap_or_default())
        .find(|rule| rule["alert"].as_str() == Some(alert))
        .and_then(|rule| rule["expr"].as_str().map(str::to_owned))
        .unwrap_or_default();
    let mut names: Vec<String> = expr
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .filter(|token| token.starts_with("milvus_"))
        .filter(|name| !exposition.lines().any(|line| line.starts_with(name)))
        .map(str::to_owned)
        .collect();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_which_alerts_fired_from_promtool() {
        let output = "Unit Testing: /tmp/t.yml FAILED: alertname: MilvusRequestsFailing, time: 39m, exp:[], got:[ 0: \
                      Labels:{alertname=\"MilvusRequestsFailing\", severity=\"warning\"} Annotations:{} ] \
                      alertname: MilvusSearchSlow, time: 19m, exp:[], got:[ 0: Labels:{} ]";
        let fired = fired_alerts(output);
        assert_eq!(
            fired,
            BTreeSet::from([
                ("MilvusRequestsFailing".to_owned(), "39m".to_owned()),
                ("MilvusSearchSlow".to_owned(), "19m".to_owned())
            ])
        );
        assert!(fired_alerts("Unit Testing: /tmp/t.yml SUCCESS").is_empty());
    }

    #[test]
    fn the_check_test_keeps_the_series_and_expects_no_alert() {
        let series = include_str!("../exercises/alert-rules/rules/milvus.rules.test.yml");
        let test: Value = serde_norway::from_str(&check_test(series).unwrap()).unwrap();
        let case = &test["tests"][0];
        assert!(case["input_series"].as_sequence().unwrap().len() > 10);
        let expectations = case["alert_rule_test"].as_sequence().unwrap();
        assert_eq!(expectations.len(), 8);
        assert!(expectations.iter().all(|e| e["exp_alerts"].as_sequence().unwrap().is_empty()));
    }

    #[test]
    fn names_metrics_the_server_lacks() {
        let rules = "groups:\n  - name: g\n    rules:\n      - alert: MilvusTimeTickStalled\n        expr: max(milvus_rootcoord_time_tick_delay) > 30000\n";
        let exposition = "milvus_datanode_consume_tt_lag_ms{node_id=\"1\"} 3\n";
        assert_eq!(unknown_metrics(rules, "MilvusTimeTickStalled", exposition), ["milvus_rootcoord_time_tick_delay"]);
        assert_eq!(alert_names(rules), BTreeSet::from(["MilvusTimeTickStalled".to_owned()]));
    }
}
