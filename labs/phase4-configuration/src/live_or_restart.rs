//! Live or restart: which settings a change in etcd reaches while Milvus runs.
//! The learner classifies keys and applies two live changes; the check probes
//! both effects and compares the classification with what the version does.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use lab_framework::probes::Milvus;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;

pub struct LiveOrRestart;

// The check's assertions, in report order; the book lists them from `META`.
const SHORT_PASSWORD: &str = "a 7-character password is refused (proxy.minPasswordLength = 8)";
const NO_CREDENTIALS: &str = "a client without credentials is refused (authorization on)";
const ROOT_SERVED: &str = "root with its password is served";
const ANSWER_KEYS: &str = "reload.toml: every key classified as this version behaves";

static META: LabMeta = LabMeta {
    id: "phase4/live-or-restart",
    title: "Live or restart: what a change in etcd reaches",
    phase: 4,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["etcd", "proxy", "querynode"],
    // The classification is measured on 2.3.5 only (authorization turned out live there).
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[SHORT_PASSWORD, NO_CREDENTIALS, ROOT_SERVED, ANSWER_KEYS],
};

/// The check's own user; dropped again if the server accepts it.
const PROBE_USER: &str = "check_reload_probe";
const SHORT: &str = "Abc1234";
const MINIMUM: usize = 8;

/// `reload.toml`: `[reload]` with one `"key" = "live" | "restart"` each.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reload {
    reload: BTreeMap<String, String>,
}

impl Lab for LiveOrRestart {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let uri = &ctx.fixture.endpoints.milvus_uri;
        let version = ctx.fixture.version;
        let root = Milvus::connect(uri);
        let short_password = match &root {
            Ok(milvus) => match milvus.create_user(PROBE_USER, SHORT) {
                Ok(()) => {
                    milvus.drop_user(PROBE_USER)?;
                    "accepted".to_owned()
                }
                Err(error) => server_words(&format!("{error:#}"), "invalid password length"),
            },
            Err(error) => format!("cannot connect as root: {error:#}"),
        };
        let no_credentials = version.auth_refusals().no_credentials;
        let anonymous = match Milvus::connect_as(uri, None) {
            Ok(_) => "served".to_owned(),
            Err(error) => format!("refused: {}", server_words(&format!("{error:#}"), no_credentials)),
        };
        let expected = version.reload_behaviour().context("no reload facts for this version")?;
        let classification = match ctx.answers::<Reload>("reload.toml") {
            Ok(answers) => {
                let wrong: Vec<String> = expected
                    .iter()
                    .filter_map(|(key, truth)| {
                        let given = answers.reload.get(*key).map(|v| v.trim()).unwrap_or("missing");
                        (given != *truth).then(|| format!("{key} = {given}"))
                    })
                    .collect();
                if wrong.is_empty() { "all right".to_owned() } else { format!("wrong: {}", wrong.join(", ")) }
            }
            Err(error) => error,
        };
        Ok(vec![
            Assertion::equal(
                SHORT_PASSWORD,
                version.short_password_error(SHORT.len(), MINIMUM),
                short_password,
                "etcdctl put by-dev/config/proxy/minPasswordLength 8; it reaches the proxy within about 6 s",
            ),
            Assertion::that(
                NO_CREDENTIALS,
                anonymous.contains(no_credentials),
                format!("refused: {no_credentials}"),
                &anonymous,
                "etcdctl put by-dev/config/common/security/authorizationEnabled true: on 2.3 it is live too",
            ),
            Assertion::equal(
                ROOT_SERVED,
                "served",
                root.map_or_else(|error| format!("{error:#}"), |_| "served".to_owned()),
                "root's default password is Milvus; authorization changes who may connect, not root's password",
            ),
            Assertion::equal(
                ANSWER_KEYS,
                "all right",
                classification,
                "put a key in etcd and probe its effect within 10 s: what changes is live, what does not needs a \
                 restart",
            ),
        ])
    }
}

/// The part of an error from `marker` to the end of its line or quote.
fn server_words(error: &str, marker: &str) -> String {
    match error.find(marker) {
        Some(start) => {
            let rest = &error[start..];
            let end = rest.find(['"', '\n']).unwrap_or(rest.len());
            rest[..end].trim_end_matches([',', ')', ' ']).to_owned()
        }
        None => error.lines().next().unwrap_or_default().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn server_words_cut_the_message_out() {
        let error = "create_user u: server error: status { reason: \"invalid password length: invalid parameter[7 out of range 8 <= value <= 256]\" }";
        assert_eq!(
            super::server_words(error, "invalid password length"),
            "invalid password length: invalid parameter[7 out of range 8 <= value <= 256]"
        );
        assert_eq!(super::server_words("boom\nmore", "nothing"), "boom");
    }
}
