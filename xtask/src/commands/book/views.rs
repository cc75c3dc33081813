//! The book's generated views: each page keeps a marker line where the build
//! writes what comes from the code (the version module, the components, the
//! catalogue), so no page keeps a second copy of any of it.

use std::path::Path;

use anyhow::{Context, Result, bail};
use lab_framework::catalog::Catalog;
use lab_framework::{PHASE_GUIDES, PHASES};

/// A view: its page, the marker line in it, and what replaces the marker.
type View = (&'static str, &'static str, fn(&Catalog) -> Result<String>);

/// Fills every view page the staged book has (a test book may have none).
pub fn write(staged: &Path, catalog: &Catalog) -> Result<()> {
    let views: [View; 3] = [
        ("architecture.md", VERSION_SWITCH, architecture_data),
        ("roadmap.md", ROADMAP, roadmap),
        ("deployment-modes.md", DEPLOYMENT_MODES, deployment_modes),
    ];
    for (file, marker, generate) in views {
        let page = staged.join(file);
        if !page.exists() {
            continue;
        }
        let text = std::fs::read_to_string(&page).with_context(|| format!("cannot read {}", page.display()))?;
        if !text.contains(marker) {
            bail!("content/{file}: the line `{marker}` is missing");
        }
        std::fs::write(&page, text.replace(marker, &generate(catalog)?))
            .with_context(|| format!("cannot write {}", page.display()))?;
    }
    Ok(())
}

/// A lab's page in the built book, relative to its root.
fn page_of(meta: &lab_framework::LabMeta) -> String {
    format!("{}.html", meta.id)
}

/// Text for HTML: the titles and sentences the views print.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Where `content/architecture.md` takes the version buttons and their data.
const VERSION_SWITCH: &str = "<!-- version switch: generated from fixtures::versions -->";

/// The architecture view's version buttons and what each version has, from
/// the one version module, and what each box is with the labs that exercise
/// it, from `components` and the catalogue: the page's script reads the JSON,
/// never a copy.
fn architecture_data(catalog: &Catalog) -> Result<String> {
    let mut buttons = String::new();
    let mut data = serde_json::Map::new();
    for version in fixtures::versions::SERVER_VERSIONS {
        let label = version.label();
        let architecture = version.architecture().expect("server versions have an architecture");
        buttons.push_str(&format!(
            "<button type=\"button\" data-version=\"{label}\" aria-pressed=\"false\">{label}</button>\n"
        ));
        data.insert(label.to_owned(), serde_json::to_value(architecture)?);
    }
    let switch = format!(
        "<div class=\"ma-versions\" role=\"group\" aria-label=\"Milvus version\">\n\
         <span class=\"ma-label\">Version</span>\n{buttons}</div>\n{}\n{}\n{}",
        json_script("ma-version-data", &serde_json::Value::Object(data))?,
        json_script("ma-component-data", &component_data(catalog))?,
        json_script("ma-lab-data", &lab_data(catalog))?,
    );
    Ok(switch)
}

/// Each box: what `components` says, and the labs that name it (or a box it
/// stands for), linked relative to the book's root.
fn component_data(catalog: &Catalog) -> serde_json::Value {
    let mut data = serde_json::Map::new();
    for component in lab_framework::components::COMPONENTS {
        let mut value = serde_json::to_value(component).expect("components serialize");
        let labs: Vec<serde_json::Value> = catalog
            .all()
            .iter()
            .map(|lab| lab.meta())
            .filter(|meta| meta.components.iter().any(|c| *c == component.id || component.stands_for.contains(c)))
            .map(|meta| {
                serde_json::json!({
                    "id": meta.id, "title": meta.title, "mode": meta.mode.name(), "href": page_of(meta)
                })
            })
            .collect();
        value["labs"] = labs.into();
        data.insert(component.id.to_owned(), value);
    }
    serde_json::Value::Object(data)
}

/// Every lab's title and page by id: the flows' steps name their lab by id.
fn lab_data(catalog: &Catalog) -> serde_json::Value {
    let labs = catalog.all().iter().map(|lab| {
        let meta = lab.meta();
        (meta.id.to_owned(), serde_json::json!({ "title": meta.title, "href": page_of(meta) }))
    });
    serde_json::Value::Object(labs.collect())
}

/// A `<script type="application/json">` element; `<` would end it early, and
/// JSON allows it escaped.
fn json_script(id: &str, value: &serde_json::Value) -> Result<String> {
    let json = serde_json::to_string(value)?.replace('<', "\\u003c");
    Ok(format!("<script type=\"application/json\" id=\"{id}\">{json}</script>"))
}

/// Where `content/roadmap.md` takes the phases.
const ROADMAP: &str = "<!-- roadmap: generated from the catalogue -->";

/// The ten phases with their labs, as static HTML (readable without script);
/// `roadmap.js` adds the walkthrough and the learner's progress.
fn roadmap(catalog: &Catalog) -> Result<String> {
    let mut html = String::from(
        "<div id=\"roadmap-view\" class=\"rm\">\n\
         <div class=\"rm-controls rm-js\">\n\
         <button type=\"button\" data-action=\"overview\" aria-pressed=\"true\">All phases</button>\n\
         <button type=\"button\" data-action=\"prev\" aria-label=\"Previous phase\">&#9664; Prev</button>\n\
         <button type=\"button\" data-action=\"next\" aria-label=\"Next phase\">Next &#9654;</button>\n\
         <span class=\"rm-counter\" data-role=\"phase-counter\"></span>\n\
         </div>\n\
         <div class=\"rm-progress rm-js\">\n\
         <label>Your progress file: <input type=\"file\" accept=\".json,application/json\" data-role=\"progress-file\"></label>\n\
         <p data-role=\"progress-summary\" aria-live=\"polite\">Make it with <code>cargo xtask list --format json &gt; progress.json</code>, then choose it here: the page marks what you have passed.</p>\n\
         </div>\n\
         <ol class=\"rm-phases\">\n",
    );
    for (index, title) in PHASES.iter().enumerate() {
        let phase = index as u8 + 1;
        let guide = &PHASE_GUIDES[index];
        let labs = catalog.select(Some(phase), None);
        let builds_on = if guide.builds_on.is_empty() {
            "Builds on: nothing, start here.".to_owned()
        } else {
            let links: Vec<String> = guide
                .builds_on
                .iter()
                .map(|p| format!("<a href=\"#rm-phase-{p}\">Phase {p}: {}</a>", escape(PHASES[usize::from(*p) - 1])))
                .collect();
            format!("Builds on: {}.", links.join(", "))
        };
        let minutes: u32 = labs.iter().map(|lab| u32::from(lab.meta().minutes)).sum();
        html.push_str(&format!(
            "<li class=\"rm-phase\" id=\"rm-phase-{phase}\" data-phase=\"{phase}\">\n\
             <h3>Phase {phase}: {}</h3>\n\
             <p class=\"rm-outcome\">Afterwards you can {}.</p>\n\
             <p class=\"rm-builds-on\">{builds_on}</p>\n",
            escape(title),
            escape(guide.outcome)
        ));
        if labs.is_empty() {
            html.push_str("<p class=\"rm-empty\">No labs yet: this phase's labs are being written.</p>\n</li>\n");
            continue;
        }
        html.push_str(&format!(
            "<p class=\"rm-meta\">{} labs, about {minutes} minutes. <span data-role=\"phase-progress\"></span></p>\n\
             <ul class=\"rm-labs\">\n",
            labs.len()
        ));
        for lab in labs {
            let meta = lab.meta();
            html.push_str(&format!(
                "<li data-lab=\"{id}\"><a href=\"{page}\">{title}</a> <span class=\"rm-mode\">{mode}</span> \
                 <span class=\"rm-minutes\">{minutes} min</span> <code>cargo xtask lab {id}</code> \
                 <span class=\"rm-status\" data-role=\"status\"></span></li>\n",
                id = meta.id,
                page = page_of(meta),
                title = escape(meta.title),
                mode = meta.mode.name(),
                minutes = meta.minutes,
            ));
        }
        html.push_str("</ul>\n</li>\n");
    }
    html.push_str("</ol>\n</div>");
    Ok(html)
}

/// Where `content/deployment-modes.md` takes the diagram.
const DEPLOYMENT_MODES: &str = "<!-- deployment modes: generated from fixtures::deployments and the catalogue -->";

/// One section per mode (readable without script, one shown at a time with
/// it): its processes as boxes, the step to the next mode, and its labs with
/// the command that brings the mode up.
fn deployment_modes(catalog: &Catalog) -> Result<String> {
    let deployments = fixtures::deployments::all();
    let mut html = String::from(
        "<div id=\"deployment-modes-view\" class=\"dm\">\n\
         <div class=\"dm-switch dm-js\" role=\"group\" aria-label=\"Deployment mode\">\n",
    );
    for (index, deployment) in deployments.iter().enumerate() {
        html.push_str(&format!(
            "<button type=\"button\" data-mode=\"{}\" aria-pressed=\"{}\">{}</button>\n",
            deployment.id,
            index == 0,
            escape(deployment.name)
        ));
    }
    html.push_str("</div>\n");
    for deployment in &deployments {
        html.push_str(&format!(
            "<section class=\"dm-mode\" data-mode=\"{}\">\n<h3>{}</h3>\n<p>{}</p>\n<div class=\"dm-boxes\">\n",
            deployment.id,
            escape(deployment.name),
            escape(deployment.summary)
        ));
        for process in &deployment.processes {
            html.push_str(&format!(
                "<div class=\"dm-box\" data-role=\"process\"><strong>{}</strong>\n\
                 <span class=\"dm-line\">Embeds: {}</span>\n<span class=\"dm-line\">Ports: {}</span>\n\
                 <span class=\"dm-line\">Storage: {}</span></div>\n",
                escape(process.name),
                escape(&process.embeds),
                escape(process.ports),
                escape(process.storage)
            ));
        }
        html.push_str("</div>\n");
        if let Some(next) = deployment.next_step {
            html.push_str(&format!("<p class=\"dm-next\"><strong>Moving on:</strong> {}</p>\n", escape(next)));
        }
        let labs = deployment.mode.map(|mode| catalog.select(None, Some(mode))).unwrap_or_default();
        match labs.first() {
            Some(first) => {
                html.push_str(&format!(
                    "<p class=\"dm-start\">Bring it up: <code data-role=\"start\">cargo xtask lab {}</code></p>\n\
                     <ul class=\"dm-labs\">\n",
                    first.meta().id
                ));
                for lab in &labs {
                    let meta = lab.meta();
                    html.push_str(&format!(
                        "<li data-lab=\"{id}\"><a href=\"{page}\">{}</a></li>\n",
                        escape(meta.title),
                        id = meta.id,
                        page = page_of(meta)
                    ));
                }
                html.push_str("</ul>\n");
            }
            None => html.push_str("<p class=\"dm-start\">No lab runs this mode yet; its labs are being written.</p>\n"),
        }
        html.push_str("</section>\n");
    }
    html.push_str("</div>");
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;

    #[test]
    fn each_box_lists_the_labs_that_name_it() {
        let data = component_data(&catalog());
        let labs = |id: &str| -> Vec<String> {
            data[id]["labs"].as_array().unwrap().iter().map(|lab| lab["id"].as_str().unwrap().to_owned()).collect()
        };
        assert!(labs("indexnode").contains(&"phase10/index-never-builds".to_owned()));
        assert!(!labs("indexnode").contains(&"phase2/lite-quickstart".to_owned()));
        // MixCoord stands for the three coordinators.
        for lab in labs("querycoord") {
            assert!(labs("mixcoord").contains(&lab), "{lab}");
        }
        assert_eq!(data["proxy"]["labs"][0]["href"], "phase1/map-instance.html");
    }

    #[test]
    fn the_roadmap_lists_every_lab_once_under_its_phase() {
        let html = roadmap(&catalog()).unwrap();
        for lab in catalog().all() {
            let id = lab.meta().id;
            assert_eq!(html.matches(&format!("data-lab=\"{id}\"")).count(), 1, "{id}");
            let phase =
                html.split(&format!("data-lab=\"{id}\"")).next().unwrap().rsplit("data-phase=\"").next().unwrap();
            assert!(phase.starts_with(&format!("{}\"", lab.meta().phase)), "{id} is under phase {}", lab.meta().phase);
        }
        assert_eq!(html.matches("class=\"rm-phase\"").count(), 10);
        let empty = (1..=10).filter(|phase| catalog().select(Some(*phase), None).is_empty()).count();
        assert_eq!(html.matches("No labs yet").count(), empty, "a phase without labs says so");
    }

    #[test]
    fn each_lab_is_listed_once_under_its_deployment_mode() {
        let html = deployment_modes(&catalog()).unwrap();
        for lab in catalog().all() {
            let meta = lab.meta();
            assert_eq!(html.matches(&format!("data-lab=\"{}\"", meta.id)).count(), 1, "{}", meta.id);
            let section = html.split(&format!("data-lab=\"{}\"", meta.id)).next().unwrap();
            let mode = section.rsplit("<section class=\"dm-mode\" data-mode=\"").next().unwrap();
            assert!(mode.starts_with(&format!("{}\"", meta.mode.name())), "{} is under {}", meta.id, meta.mode);
        }
    }

    #[test]
    fn every_lab_a_flow_step_names_is_in_the_catalogue() {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../content/assets/architecture.js");
        let text = std::fs::read_to_string(script).unwrap();
        let named: Vec<&str> = text
            .split('\'')
            .filter(|piece| piece.starts_with("phase") && piece.contains('/') && !piece.contains(' '))
            .collect();
        assert!(named.len() > 100, "the flows' steps name their labs ({} found)", named.len());
        for id in named {
            assert!(catalog().find(id).is_ok(), "architecture.js names `{id}`, which is no lab");
        }
    }
}
