//! The book's interactive architecture page in headless Chromium: every flow,
//! in every server version, highlights the expected components in order, by button and
//! by keyboard. Leaves a screenshot in target/test-artifacts/.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use fixtures::versions::SERVER_VERSIONS;

const XTASK: &str = env!("CARGO_BIN_EXE_xtask");
const CHROMIUM: &str = "/usr/bin/chromium";

/// The hops each flow must highlight, per flow layout (which versions have
/// which layout is the version module's): the page's contract.
const FLOWS: &[(&str, &str, &[&str])] = &[
    ("coordinators", "insert", &["sdk", "proxy", "datacoord", "wal", "datanode", "querynode"]),
    ("coordinators", "search", &["sdk", "proxy", "querycoord", "querynode", "proxy", "sdk"]),
    ("coordinators", "flush", &["sdk", "proxy", "datacoord", "datanode", "objectstorage", "etcd"]),
    ("coordinators", "index", &["sdk", "proxy", "datacoord", "indexnode", "objectstorage", "etcd", "querynode"]),
    ("coordinators", "delete", &["sdk", "proxy", "wal", "querynode", "datanode", "objectstorage"]),
    ("coordinators", "load", &["sdk", "proxy", "querycoord", "datacoord", "querynode", "querycoord", "querynode"]),
    ("coordinators", "compaction", &["datacoord", "datanode", "etcd", "querynode", "datacoord", "objectstorage"]),
    ("coordinators", "ddl", &["sdk", "proxy", "rootcoord", "etcd", "wal", "datacoord"]),
    ("coordinators", "startup", &["querynode", "etcd", "querycoord", "etcd"]),
    ("coordinators", "backup", &["sdk", "datacoord", "proxy", "objectstorage", "datacoord", "etcd"]),
    ("streaming", "insert", &["sdk", "proxy", "streamingnode", "wal", "querynode"]),
    ("streaming", "search", &["sdk", "proxy", "mixcoord", "querynode", "proxy", "sdk"]),
    ("streaming", "flush", &["sdk", "proxy", "mixcoord", "streamingnode", "objectstorage", "etcd"]),
    ("streaming", "index", &["sdk", "proxy", "mixcoord", "datanode", "objectstorage", "etcd", "querynode"]),
    ("streaming", "delete", &["sdk", "proxy", "streamingnode", "querynode", "objectstorage"]),
    ("streaming", "load", &["sdk", "proxy", "mixcoord", "streamingnode", "querynode", "mixcoord", "querynode"]),
    ("streaming", "compaction", &["mixcoord", "datanode", "etcd", "querynode", "mixcoord", "objectstorage"]),
    ("streaming", "ddl", &["sdk", "proxy", "mixcoord", "etcd", "streamingnode"]),
    ("streaming", "startup", &["querynode", "etcd", "mixcoord", "etcd"]),
    ("streaming", "backup", &["sdk", "mixcoord", "proxy", "objectstorage", "mixcoord", "etcd"]),
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_chromedriver() -> (Driver, u16) {
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap().local_addr().unwrap().port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let started = Instant::now();
    while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    (Driver(child), port)
}

/// A Chromium session with a profile of its own (tests run at once).
async fn connect(port: u16, test: &str) -> Client {
    let profile = std::env::temp_dir().join(format!("milvus-labs-chromium-{test}-{}", std::process::id()));
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run",
                     "--window-size=1280,1600", format!("--user-data-dir={}", profile.display())]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session")
}

/// The one highlighted component, failing if there is not exactly one.
async fn highlighted(client: &Client) -> String {
    let active = client.find_all(Locator::Css("#milvus-architecture [data-component].active")).await.unwrap();
    assert_eq!(active.len(), 1, "exactly one component is highlighted at each step");
    active[0].attr("data-component").await.unwrap().unwrap()
}

/// What the page shows at one step of a flow.
struct StepShown {
    component: String,
    next_enabled: bool,
}

/// Reads the current step in one round trip (the flows have about 180 steps),
/// and checks it: exactly one box lit, what it touches named, and one lab
/// linked, to a page the book has.
async fn step_shown(client: &Client, book: &Path) -> StepShown {
    let script = r#"
        const root = document.getElementById('milvus-architecture');
        const text = (role) => root.querySelector('[data-role="' + role + '"]').textContent;
        return {
            active: Array.from(root.querySelectorAll('[data-component].active')).map((b) => b.dataset.component),
            where: text('step-where'),
            lab: text('step-lab'),
            links: Array.from(root.querySelectorAll('[data-role="step-lab"] a')).map((a) => a.getAttribute('href')),
            next: !root.querySelector('[data-action="next"]').disabled,
        };"#;
    let state = client.execute(script, vec![]).await.unwrap();
    let active: Vec<String> = serde_json::from_value(state["active"].clone()).unwrap();
    assert_eq!(active.len(), 1, "exactly one component is highlighted at each step: {active:?}");
    let step = &active[0];
    let touches = state["where"].as_str().unwrap();
    assert!(touches.len() > "Touches: ".len() && touches.starts_with("Touches: "), "{step}: {touches}");
    let links: Vec<String> = serde_json::from_value(state["links"].clone()).unwrap();
    assert_eq!(links.len(), 1, "{step}: one lab to see it live ({})", state["lab"]);
    assert!(book.join(&links[0]).is_file(), "{step} links to {}, which the book lacks", links[0]);
    StepShown { component: step.clone(), next_enabled: state["next"].as_bool().unwrap() }
}

/// The boxes shown, sorted.
async fn visible_components(client: &Client) -> Vec<String> {
    let mut shown = Vec::new();
    for element in client.find_all(Locator::Css("#milvus-architecture [data-component]")).await.unwrap() {
        if element.is_displayed().await.unwrap() {
            shown.push(element.attr("data-component").await.unwrap().unwrap());
        }
    }
    shown.sort();
    shown
}

/// What the version module says a version has, sorted.
fn components_of(label: &str) -> Vec<String> {
    let version = SERVER_VERSIONS.iter().find(|v| v.label() == label).expect("a server version");
    let mut ids: Vec<String> = version.architecture().unwrap().components.iter().map(|c| c.to_string()).collect();
    ids.sort();
    ids
}

/// Clicks every box shown and compares its details with the page's data:
/// name, failures, and one link per lab, each to a page of the book.
async fn every_box_describes_itself(client: &Client, page: &Path) {
    let json = client.execute("return document.getElementById('ma-component-data').textContent", vec![]).await.unwrap();
    let data: serde_json::Value = serde_json::from_str(json.as_str().unwrap()).unwrap();
    let book = page.parent().unwrap();
    for id in visible_components(client).await {
        click(client, &format!("#milvus-architecture [data-component=\"{id}\"]")).await;
        // The details in one round trip: twelve boxes in each of three versions.
        let script = r#"
            const details = document.querySelector('[data-role="component-details"]');
            return {
                component: details.dataset.component,
                heading: details.querySelector('h3').textContent,
                failures: details.querySelectorAll('.ma-failures li').length,
                links: Array.from(details.querySelectorAll('.ma-labs a')).map((a) => a.getAttribute('href')),
            };"#;
        let shown = client.execute(script, vec![]).await.unwrap();
        assert_eq!(shown["component"].as_str(), Some(id.as_str()));
        let component = &data[&id];
        assert_eq!(shown["heading"], component["name"], "{id}");
        assert_eq!(
            shown["failures"].as_u64().unwrap() as usize,
            component["failures"].as_array().unwrap().len(),
            "{id}: failures"
        );
        let links: Vec<String> = serde_json::from_value(shown["links"].clone()).unwrap();
        let expected: Vec<String> =
            component["labs"].as_array().unwrap().iter().map(|lab| lab["href"].as_str().unwrap().to_owned()).collect();
        assert_eq!(links, expected, "{id}: one link per lab");
        for href in &links {
            assert!(book.join(href).is_file(), "{id} links to {href}, which the book lacks");
        }
    }
}

async fn click(client: &Client, css: &str) {
    client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).click().await.unwrap();
}

/// The built book's folder, built once for all tests of this binary; `None`
/// when this machine has no Chromium (which fails under MILVUS_LABS_REQUIRE_ALL).
fn book() -> Option<PathBuf> {
    static BOOK: OnceLock<Option<PathBuf>> = OnceLock::new();
    BOOK.get_or_init(|| {
        let driver_available = Command::new("chromedriver").arg("--version").output().is_ok();
        if !Path::new(CHROMIUM).exists() || !driver_available {
            assert!(
                std::env::var("MILVUS_LABS_REQUIRE_ALL").unwrap_or_default().is_empty(),
                "Chromium or chromedriver is missing: apt-get install chromium chromium-driver"
            );
            eprintln!("skipped: no Chromium/chromedriver (apt-get install chromium chromium-driver)");
            return None;
        }
        let built = Command::new(XTASK).arg("book").output().unwrap();
        assert!(built.status.success(), "cargo xtask book failed: {}", String::from_utf8_lossy(&built.stderr));
        Some(repo_root().join("target/book"))
    })
    .clone()
}

#[tokio::test(flavor = "current_thread")]
async fn architecture_flows_highlight_components_in_order() {
    let Some(book) = book() else { return };
    let page = book.join("architecture.html");

    let (_driver, port) = start_chromedriver();
    let client = connect(port, "architecture").await;
    client.goto(&format!("file://{}", page.display())).await.unwrap();

    let mut tabs = Vec::new();
    for tab in client.find_all(Locator::Css("#milvus-architecture [data-flow]")).await.unwrap() {
        tabs.push(tab.attr("data-flow").await.unwrap().unwrap());
    }
    for version in SERVER_VERSIONS {
        let layout = version.architecture().unwrap().flows;
        let flows: Vec<_> = FLOWS.iter().filter(|(l, ..)| *l == layout).collect();
        let tested: Vec<&str> = flows.iter().map(|(_, flow, _)| *flow).collect();
        assert_eq!(tabs, tested, "{version}: every tab's flow is tested");
        click(&client, &format!("[data-version=\"{version}\"]")).await;
        for (_, flow, expected) in flows {
            click(&client, &format!("[data-flow=\"{flow}\"]")).await;
            let mut seen = Vec::new();
            loop {
                let step = step_shown(&client, &book).await;
                seen.push(step.component);
                if !step.next_enabled {
                    break;
                }
                click(&client, "#milvus-architecture [data-action=\"next\"]").await;
            }
            assert_eq!(&seen, expected, "{flow} on {version}");
        }
        let root = client.find(Locator::Css("#milvus-architecture")).await.unwrap();
        assert_eq!(root.attr("data-active-version").await.unwrap().as_deref(), Some(version.label()));
        assert_eq!(visible_components(&client).await, components_of(version.label()), "the boxes of {version}");
    }

    // The switch offers exactly the version module's server versions.
    let mut offered = Vec::new();
    for button in client.find_all(Locator::Css("#milvus-architecture [data-version]")).await.unwrap() {
        offered.push(button.attr("data-version").await.unwrap().unwrap());
    }
    let expected: Vec<String> = SERVER_VERSIONS.iter().map(|v| v.label().to_owned()).collect();
    assert_eq!(offered, expected);

    for version in SERVER_VERSIONS {
        click(&client, &format!("[data-version=\"{version}\"]")).await;
        every_box_describes_itself(&client, &page).await;
    }

    // The keyboard walks the same path: Home, then ArrowRight to the end and back.
    click(&client, "[data-version=\"2.5\"]").await;
    click(&client, "[data-flow=\"flush\"]").await;
    let tab = client.find(Locator::Css("[data-flow=\"flush\"]")).await.unwrap();
    let flush = FLOWS.iter().find(|(layout, flow, _)| *layout == "coordinators" && *flow == "flush").unwrap().2;
    let mut seen = vec![highlighted(&client).await];
    for _ in 1..flush.len() {
        tab.send_keys(&char::from(Key::Right).to_string()).await.unwrap();
        seen.push(highlighted(&client).await);
    }
    assert_eq!(seen, flush, "ArrowRight steps through the flush flow");
    tab.send_keys(&char::from(Key::Home).to_string()).await.unwrap();
    assert_eq!(highlighted(&client).await, "sdk", "Home returns to the first step");

    let artifacts = repo_root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let png = client.screenshot().await.unwrap();
    std::fs::write(artifacts.join("architecture.png"), png).unwrap();
    client.close().await.unwrap();
}

/// The ids of the labs in these elements, in page order.
async fn lab_ids(elements: Vec<fantoccini::elements::Element>) -> Vec<String> {
    let mut ids = Vec::new();
    for element in elements {
        ids.push(element.attr("data-lab").await.unwrap().unwrap());
    }
    ids
}

#[tokio::test(flavor = "current_thread")]
async fn roadmap_walks_the_phases_and_shows_the_learners_progress() {
    let Some(book) = book() else { return };
    // The catalogue, and a learner's progress, as `list --format json` exports them.
    let state = std::env::temp_dir().join(format!("milvus-labs-roadmap-{}", std::process::id()));
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("progress.txt"), "phase2/lite-quickstart = passed\nphase1/map-instance = started\n")
        .unwrap();
    let export =
        Command::new(XTASK).args(["list", "--format", "json"]).env("MILVUS_LABS_STATE_DIR", &state).output().unwrap();
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    let progress_file = state.join("progress.json");
    std::fs::write(&progress_file, &export.stdout).unwrap();
    let progress: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let catalogue: Vec<(String, u64)> = progress["labs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|lab| (lab["id"].as_str().unwrap().to_owned(), lab["phase"].as_u64().unwrap()))
        .collect();

    let (_driver, port) = start_chromedriver();
    let client = connect(port, "roadmap").await;
    client.goto(&format!("file://{}", book.join("roadmap.html").display())).await.unwrap();

    let all = lab_ids(client.find_all(Locator::Css("#roadmap-view [data-lab]")).await.unwrap()).await;
    let expected: Vec<String> = catalogue.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(all, expected, "the roadmap lists the catalogue's labs, in order");

    // The walkthrough: one phase at a time, each with its own labs, links that resolve.
    click(&client, "#roadmap-view [data-action=\"next\"]").await;
    for phase in 1..=10u64 {
        let mut shown = Vec::new();
        for element in client.find_all(Locator::Css("#roadmap-view .rm-phase")).await.unwrap() {
            if element.is_displayed().await.unwrap() {
                shown.push(element);
            }
        }
        assert_eq!(shown.len(), 1, "the walkthrough shows one phase");
        assert_eq!(shown[0].attr("data-phase").await.unwrap().as_deref(), Some(phase.to_string().as_str()));
        let labs = lab_ids(shown[0].find_all(Locator::Css("[data-lab]")).await.unwrap()).await;
        let of_phase: Vec<String> = catalogue.iter().filter(|(_, p)| *p == phase).map(|(id, _)| id.clone()).collect();
        assert_eq!(labs, of_phase, "phase {phase}'s labs");
        for link in shown[0].find_all(Locator::Css("[data-lab] a")).await.unwrap() {
            let href = link.attr("href").await.unwrap().unwrap();
            assert!(book.join(&href).is_file(), "phase {phase} links to {href}, which the book lacks");
        }
        if phase < 10 {
            click(&client, "#roadmap-view [data-action=\"next\"]").await;
        }
    }
    let next = client.find(Locator::Css("#roadmap-view [data-action=\"next\"]")).await.unwrap();
    assert!(next.attr("disabled").await.unwrap().is_some(), "Next stops at phase 10");

    // The learner's file marks what they passed and started, and names the next lab.
    click(&client, "#roadmap-view [data-action=\"overview\"]").await;
    let input = client.find(Locator::Css("#roadmap-view [data-role=\"progress-file\"]")).await.unwrap();
    input.send_keys(&progress_file.display().to_string()).await.unwrap();
    let status = |id: &'static str| {
        let client = client.clone();
        async move {
            let css = format!("#roadmap-view [data-lab=\"{id}\"]");
            client.find(Locator::Css(&css)).await.unwrap().attr("data-status").await.unwrap()
        }
    };
    let started = Instant::now();
    while status("phase2/lite-quickstart").await.is_none() {
        assert!(started.elapsed() < Duration::from_secs(10), "the progress file was never read");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(status("phase2/lite-quickstart").await.as_deref(), Some("passed"));
    assert_eq!(status("phase1/map-instance").await.as_deref(), Some("started"));
    assert_eq!(status("phase10/wrong-root").await.as_deref(), Some("not started"));
    let summary = client.find(Locator::Css("[data-role=\"progress-summary\"]")).await.unwrap().text().await.unwrap();
    assert!(
        summary.contains(&format!("You passed 1 of {} labs", catalogue.len()))
            && summary.contains("Next: cargo xtask lab phase1/map-instance"),
        "{summary}"
    );

    // Any other file is refused with a reason, not half-read.
    let other = state.join("other.json");
    std::fs::write(&other, "{\"labs\": 3}").unwrap();
    input.send_keys(&other.display().to_string()).await.unwrap();
    let started = Instant::now();
    loop {
        let text = client.find(Locator::Css("[data-role=\"progress-summary\"]")).await.unwrap().text().await.unwrap();
        if text.contains("not a progress file") {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "a wrong file was not refused: {text}");
        std::thread::sleep(Duration::from_millis(100));
    }

    let artifacts = repo_root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("roadmap.png"), client.screenshot().await.unwrap()).unwrap();
    client.close().await.unwrap();
    std::fs::remove_dir_all(&state).unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn deployment_modes_switch_and_link_each_mode_to_its_labs() {
    let Some(book) = book() else { return };
    let state = std::env::temp_dir().join(format!("milvus-labs-modes-{}", std::process::id()));
    std::fs::create_dir_all(&state).unwrap();
    let export =
        Command::new(XTASK).args(["list", "--format", "json"]).env("MILVUS_LABS_STATE_DIR", &state).output().unwrap();
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    std::fs::remove_dir_all(&state).unwrap();
    let catalogue: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();

    let (_driver, port) = start_chromedriver();
    let client = connect(port, "modes").await;
    client.goto(&format!("file://{}", book.join("deployment-modes.html").display())).await.unwrap();

    let mut modes = Vec::new();
    for button in client.find_all(Locator::Css("#deployment-modes-view button[data-mode]")).await.unwrap() {
        modes.push(button.attr("data-mode").await.unwrap().unwrap());
    }
    assert_eq!(modes, ["lite", "standalone", "compose", "cluster", "kubernetes"]);
    for mode in &modes {
        click(&client, &format!("#deployment-modes-view button[data-mode=\"{mode}\"]")).await;
        let mut shown = Vec::new();
        for section in client.find_all(Locator::Css("#deployment-modes-view section")).await.unwrap() {
            if section.is_displayed().await.unwrap() {
                shown.push(section);
            }
        }
        assert_eq!(shown.len(), 1, "{mode}: one mode at a time");
        let section = &shown[0];
        assert_eq!(section.attr("data-mode").await.unwrap().as_deref(), Some(mode.as_str()));
        let processes = section.find_all(Locator::Css("[data-role=\"process\"]")).await.unwrap();
        assert!(!processes.is_empty(), "{mode} draws what runs");
        for process in processes {
            let text = process.text().await.unwrap();
            assert!(text.contains("Ports:") && text.contains("Storage:") && text.contains("Embeds:"), "{mode}: {text}");
        }
        let labs = lab_ids(section.find_all(Locator::Css("[data-lab]")).await.unwrap()).await;
        let of_mode: Vec<String> = catalogue["labs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|lab| lab["mode"] == mode.as_str())
            .map(|lab| lab["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(labs, of_mode, "{mode}: its labs, from the catalogue");
        let start = section.find(Locator::Css(".dm-start")).await.unwrap().text().await.unwrap();
        match of_mode.first() {
            Some(first) => assert!(start.contains(&format!("cargo xtask lab {first}")), "{mode}: {start}"),
            None => assert!(start.contains("No lab runs this mode yet"), "{mode}: {start}"),
        }
        for link in section.find_all(Locator::Css("[data-lab] a")).await.unwrap() {
            let href = link.attr("href").await.unwrap().unwrap();
            assert!(book.join(&href).is_file(), "{mode} links to {href}, which the book lacks");
        }
    }
    let artifacts = repo_root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    click(&client, "#deployment-modes-view button[data-mode=\"compose\"]").await;
    std::fs::write(artifacts.join("deployment-modes.png"), client.screenshot().await.unwrap()).unwrap();
    client.close().await.unwrap();
}
