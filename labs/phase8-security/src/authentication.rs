//! Turn on authentication and rotate root's password. The check connects as
//! the parties a real deployment meets (nobody, a guesser, the default
//! password, the new one) and reads root's credential record in etcd.

use anyhow::{Context, Result};
use lab_framework::probes::Milvus;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, answer};
use serde::{Deserialize, Serialize};

pub struct Authentication;

// The check's assertions, in report order; the book lists them from `META`.
const NO_CREDENTIALS: &str = "a client without credentials is refused";
const WRONG_PASSWORD: &str = "a wrong password is refused";
const DEFAULT_REFUSED: &str = "root's default password (Milvus) is refused";
const NEW_SERVED: &str = "secrets.toml: root's new password is served";
const ETCD_ROTATED: &str = "root's credential in etcd changed since the lab started";

static META: LabMeta = LabMeta {
    id: "phase8/authentication",
    title: "Authentication: turn it on, rotate root's password",
    phase: 8,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 20,
    components: &["proxy", "etcd"],
    // The refusal texts and the etcd layout are measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // A short session TTL: the learner restarts Milvus, and its first calls
    // after a restart wait out the old sessions.
    settings: &[Setting::AuthorizationFromEnvironment, Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[NO_CREDENTIALS, WRONG_PASSWORD, DEFAULT_REFUSED, NEW_SERVED, ETCD_ROTATED],
};

const DEFAULT_TOKEN: &str = "root:Milvus";
const GUESSED_TOKEN: &str = "root:Milvus123";
/// Root's credential record as the seed found it, in the run folder.
const SEED_CREDENTIAL: &str = "root-credential.toml";

#[derive(Serialize, Deserialize)]
struct SeedCredential {
    /// The deployment it was read on (`FixtureHandle::started`).
    fixture_started: String,
    record: String,
}

/// `secrets.toml`: where the learner keeps root's new password.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Secrets {
    root_password: String,
}

impl Lab for Authentication {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// Reads root's credential record once per deployment: it is there from
    /// the first start, authorization on or off.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if seed_credential(ctx)?.is_some() {
            return Ok(());
        }
        let key = ctx.fixture.version.root_credential_key();
        let record = ctx.etcd()?.get(key)?.with_context(|| format!("etcd has no {key} after Milvus started"))?;
        let seed = SeedCredential { fixture_started: ctx.fixture.started.clone(), record };
        let path = ctx.run_dir.join(SEED_CREDENTIAL);
        std::fs::write(&path, toml::to_string(&seed)?).with_context(|| format!("cannot write {}", path.display()))
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let uri = &ctx.fixture.endpoints.milvus_uri;
        let refusals = ctx.fixture.version.auth_refusals();
        let secrets = ctx.answers::<Secrets>("secrets.toml");
        let seed =
            seed_credential(ctx)?.context("this deployment has no record of root's credential; `cargo xtask reset`")?;
        let record = ctx.etcd()?.get(ctx.fixture.version.root_credential_key())?;
        let refused = format!("refused: {}", refusals.wrong_password);
        Ok(vec![
            Assertion::equal(
                NO_CREDENTIALS,
                format!("refused: {}", refusals.no_credentials),
                attempt(uri, None, refusals.no_credentials),
                "export AUTHORIZATION_ENABLED=true, then docker compose up --detach --wait standalone",
            ),
            Assertion::equal(
                WRONG_PASSWORD,
                &refused,
                attempt(uri, Some(GUESSED_TOKEN), refusals.wrong_password),
                "with authorization off, Milvus ignores whatever credentials a client sends",
            ),
            Assertion::equal(
                DEFAULT_REFUSED,
                &refused,
                attempt(uri, Some(DEFAULT_TOKEN), refusals.wrong_password),
                "MilvusClient(uri, token=\"root:Milvus\").update_password(\"root\", \"Milvus\", new_password)",
            ),
            Assertion::equal(
                NEW_SERVED,
                "served",
                answer(&secrets, |secrets| {
                    attempt(uri, Some(&format!("root:{}", secrets.root_password)), refusals.wrong_password)
                }),
                "root_password = \"the password you set\" in secrets.toml",
            ),
            Assertion::equal(
                ETCD_ROTATED,
                "changed",
                match record {
                    Some(record) if record != seed.record => "changed".to_owned(),
                    Some(_) => "as the lab started".to_owned(),
                    None => "gone".to_owned(),
                },
                "Milvus keeps users in etcd (by-dev/meta/root-coord/credential/users/): update_password writes there",
            ),
        ])
    }
}

/// Connects with `token` (or none) and says what happened: `served`, or
/// `refused:` with the server's words from `marker` on.
fn attempt(uri: &str, token: Option<&str>, marker: &str) -> String {
    match Milvus::connect_as(uri, token) {
        Ok(_) => "served".to_owned(),
        Err(error) => {
            let text = format!("{error:#}");
            let words = match text.find(marker) {
                Some(start) => &text[start..start + marker.len()],
                None => text.lines().next().unwrap_or_default(),
            };
            format!("refused: {words}")
        }
    }
}

/// The credential record the seed read on this deployment, if any.
fn seed_credential(ctx: &LabContext) -> Result<Option<SeedCredential>> {
    let path = ctx.run_dir.join(SEED_CREDENTIAL);
    let seed: SeedCredential = match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).with_context(|| format!("{} is malformed", path.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    Ok(Some(seed).filter(|seed| seed.fixture_started == ctx.fixture.started))
}
