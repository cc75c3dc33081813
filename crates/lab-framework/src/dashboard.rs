//! A dashboard for people: panels of PromQL queries in a TOML file the learner
//! writes, rendered from Prometheus as an HTML page of SVG charts, and exported
//! as a Grafana dashboard with the same queries (Grafana itself cannot be
//! installed offline; the export imports into any Grafana).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use plotters::prelude::*;
use probes::{Prometheus, Series};
use serde::{Deserialize, Serialize};
use serde_json::json;

pub const PANELS_FILE: &str = "dashboard.toml";
pub const PAGE_FILE: &str = "dashboard.html";
pub const GRAFANA_FILE: &str = "dashboard.grafana.json";

/// One chart: a title, the unit its values are in, and the query behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Panel {
    pub title: String,
    pub unit: String,
    pub query: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PanelsFile {
    #[serde(rename = "panel")]
    panels: Vec<Panel>,
}

/// A panel as the page shows it: with how many series its query returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedPanel {
    #[serde(flatten)]
    pub panel: Panel,
    pub series: usize,
}

/// The panels of a `[[panel]]` file; a malformed one is named with the place of the error.
pub fn load_panels(path: &Path) -> Result<Vec<Panel>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let file: PanelsFile = toml::from_str(&text).with_context(|| format!("{} is not a panels file", path.display()))?;
    Ok(file.panels)
}

/// Renders `panels_file` over the last `minutes` into `dashboard.html` and
/// `dashboard.grafana.json` beside it; returns the panels as rendered.
pub fn render(prometheus: &Prometheus, panels_file: &Path, minutes: u32) -> Result<Vec<RenderedPanel>> {
    let panels = load_panels(panels_file)?;
    if panels.is_empty() {
        bail!("{} has no [[panel]]", panels_file.display());
    }
    let end = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs_f64();
    let start = end - f64::from(minutes) * 60.0;
    // About 120 points per chart, never finer than a 2-s scrape.
    let step = (minutes * 60 / 120).max(2);
    let mut sections = String::new();
    let mut rendered = Vec::new();
    for panel in panels {
        let series = match panel.query.trim() {
            "" => Vec::new(),
            query => prometheus
                .query_range(query, start, end, step)
                .with_context(|| format!("panel `{}`: Prometheus refused its query", panel.title))?,
        };
        let chart = chart(&panel, &series, start, end)?;
        sections.push_str(&format!(
            "<section><h2>{}</h2>{chart}<pre>{}</pre><p>{} series</p></section>\n",
            escape(&panel.title),
            escape(if panel.query.trim().is_empty() { "(no query yet)" } else { &panel.query }),
            series.len()
        ));
        rendered.push(RenderedPanel { series: series.len(), panel });
    }
    let folder = panels_file.parent().unwrap_or(Path::new("."));
    let page = page(&rendered, &sections, minutes)?;
    write(&folder.join(PAGE_FILE), &page)?;
    let panels: Vec<Panel> = rendered.iter().map(|r| r.panel.clone()).collect();
    write(&folder.join(GRAFANA_FILE), &serde_json::to_string_pretty(&grafana(&panels))?)?;
    Ok(rendered)
}

/// The panels a rendered page was made from, as it embeds them.
pub fn rendered_panels(page: &str) -> Result<Vec<RenderedPanel>> {
    let start =
        page.find(PANELS_SCRIPT).context("no panels in the page: was it rendered by `cargo xtask dashboard`?")?
            + PANELS_SCRIPT.len();
    let end = page[start..].find("</script>").context("the page's panels never end")? + start;
    serde_json::from_str(&page[start..end]).context("the page's panels are not JSON")
}

/// The queries of a Grafana dashboard's panels, in order.
pub fn grafana_queries(dashboard: &str) -> Result<Vec<String>> {
    let dashboard: serde_json::Value = serde_json::from_str(dashboard).context("not JSON")?;
    let panels = dashboard["panels"].as_array().context("no panels")?;
    Ok(panels.iter().map(|panel| panel["targets"][0]["expr"].as_str().unwrap_or_default().to_owned()).collect())
}

const PANELS_SCRIPT: &str = r#"<script type="application/json" id="panels">"#;

fn page(rendered: &[RenderedPanel], sections: &str, minutes: u32) -> Result<String> {
    // No `<` at all in the block (only strings can hold one, and JSON reads
    // `\u003c` back as `<`): a query's `</script>` or `<!--` cannot end or
    // change the script element.
    let panels = serde_json::to_string(rendered)?.replace('<', r"\u003c");
    Ok(format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Milvus dashboard</title>\n\
         <style>body{{font-family:sans-serif;margin:1em}}main{{display:flex;flex-wrap:wrap;gap:1em}}\
         section{{border:1px solid #ccc;padding:.5em}}h2{{font-size:1em;margin:0}}\
         pre{{max-width:520px;white-space:pre-wrap;font-size:.8em}}</style>\n\
         {PANELS_SCRIPT}{panels}</script></head>\n<body><h1>Milvus</h1>\n<p>Up to the last {minutes} minutes (<code>cargo xtask dashboard --minutes N</code> for more).</p>\n\
         <p>The same queries are in {GRAFANA_FILE}: import it into Grafana (Dashboards, New, Import).</p>\n\
         <main>\n{sections}</main></body></html>\n"
    ))
}

/// One panel as an SVG line chart; the x axis counts back from now.
fn chart(panel: &Panel, series: &[Series], start: f64, end: f64) -> Result<String> {
    let finite = |points: &[(f64, f64)]| -> Vec<(f64, f64)> {
        points.iter().filter(|(_, v)| v.is_finite()).map(|&(t, v)| (t - end, v)).collect()
    };
    let lines: Vec<(String, Vec<(f64, f64)>)> = series.iter().map(|s| (legend(s), finite(&s.points))).collect();
    // From the first point on, at least a minute: a lab's stack is younger than the window.
    let first = lines.iter().flat_map(|(_, points)| points.first()).map(|&(t, _)| t).fold(0.0, f64::min);
    let from = first.min(-60.0).max(start - end);
    let values = lines.iter().flat_map(|(_, points)| points.iter().map(|&(_, v)| v));
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (low, high) = if low > high {
        (0.0, 1.0)
    } else {
        let pad = ((high - low) * 0.1).max(high.abs() * 0.05).max(1e-9);
        (if low >= 0.0 { 0.0 } else { low - pad }, high + pad)
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (520, 240)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(24)
            .y_label_area_size(64)
            .build_cartesian_2d(from..0.0, low..high)?;
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(5)
            .x_label_formatter(&|seconds| ago(*seconds))
            .y_label_formatter(&|value| short_number(*value))
            .y_desc(panel.unit.as_str())
            .draw()?;
        for (index, (label, points)) in lines.iter().enumerate() {
            let color = Palette99::pick(index).to_rgba();
            let drawn = chart.draw_series(LineSeries::new(points.iter().copied(), color.stroke_width(2)))?;
            // A legend only tells series apart: none for one, six at most.
            if lines.len() > 1 && index < 6 {
                drawn
                    .label(label.as_str())
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], color.stroke_width(2)));
            }
        }
        if lines.iter().all(|(_, points)| points.is_empty()) {
            root.draw(&Text::new("no data", (230, 110), ("sans-serif", 18).into_font()))?;
        } else if lines.len() > 1 {
            chart.configure_series_labels().background_style(WHITE.mix(0.8)).border_style(BLACK).draw()?;
        }
        root.present()?;
    }
    Ok(svg)
}

/// A series' labels without its metric name, as a legend entry.
fn legend(series: &Series) -> String {
    let labels: Vec<String> = series
        .labels
        .iter()
        .filter(|(name, _)| *name != "__name__")
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    if labels.is_empty() { "value".to_owned() } else { labels.join(", ") }
}

/// Seconds before now as an axis label: `now`, `-45s`, `-2m30s`.
fn ago(seconds: f64) -> String {
    let seconds = (-seconds).round() as i64;
    match (seconds / 60, seconds % 60) {
        (0, 0) => "now".to_owned(),
        (0, s) => format!("-{s}s"),
        (m, 0) => format!("-{m}m"),
        (m, s) => format!("-{m}m{s:02}s"),
    }
}

fn short_number(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 1e9 {
        format!("{:.1}G", value / 1e9)
    } else if magnitude >= 1e6 {
        format!("{:.1}M", value / 1e6)
    } else if magnitude >= 1e3 {
        format!("{:.1}k", value / 1e3)
    } else if magnitude >= 10.0 || magnitude == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

/// A Grafana dashboard (JSON model) with one time-series panel per query,
/// reading a Prometheus data source chosen at import.
fn grafana(panels: &[Panel]) -> serde_json::Value {
    let datasource = json!({"type": "prometheus", "uid": "${datasource}"});
    let panels: Vec<serde_json::Value> = panels
        .iter()
        .enumerate()
        .map(|(index, panel)| {
            json!({
                "id": index + 1,
                "type": "timeseries",
                "title": panel.title,
                "datasource": datasource,
                "gridPos": {"h": 8, "w": 12, "x": (index % 2) * 12, "y": (index / 2) * 8},
                "fieldConfig": {"defaults": {"unit": grafana_unit(&panel.unit)}, "overrides": []},
                "targets": [{"refId": "A", "expr": panel.query, "datasource": datasource}],
            })
        })
        .collect();
    json!({
        "title": "Milvus (milvus-labs)",
        "uid": "milvus-labs",
        "schemaVersion": 39,
        "time": {"from": "now-15m", "to": "now"},
        "refresh": "10s",
        "templating": {"list": [{"name": "datasource", "label": "Prometheus", "type": "datasource", "query": "prometheus"}]},
        "panels": panels,
    })
}

/// Grafana's name for a unit the panels file uses.
fn grafana_unit(unit: &str) -> &'static str {
    match unit {
        "req/s" => "reqps",
        "ms" => "ms",
        "s" => "s",
        "bytes" => "bytes",
        _ => "short",
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn write(path: &PathBuf, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panel(query: &str) -> Panel {
        Panel { title: "Requests </script>".into(), unit: "req/s".into(), query: query.into() }
    }

    #[test]
    fn a_page_gives_back_the_panels_it_was_rendered_from() {
        let rendered = vec![RenderedPanel { panel: panel(r#"sum(rate(x{a="</script>"}[1m]))"#), series: 2 }];
        let page = page(&rendered, "", 10).unwrap();
        let block = page.split(PANELS_SCRIPT).nth(1).and_then(|rest| rest.split("</script>").next()).unwrap();
        assert!(!block.contains('<'), "a `<` in the panels' block: {block}");
        assert_eq!(rendered_panels(&page).unwrap(), rendered);
        assert!(rendered_panels("<html></html>").is_err());
    }

    #[test]
    fn the_grafana_export_carries_each_query_and_unit() {
        let dashboard = grafana(&[panel("up"), panel("sum(up)")]).to_string();
        assert_eq!(grafana_queries(&dashboard).unwrap(), ["up", "sum(up)"]);
        assert!(dashboard.contains(r#""unit":"reqps""#));
    }

    #[test]
    fn a_chart_without_data_says_so() {
        let svg = chart(&panel("up"), &[], 0.0, 600.0).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("no data"), "{svg}");
        let series =
            Series { labels: [("job".into(), "milvus".into())].into(), points: vec![(0.0, 1.0), (300.0, 2.0)] };
        let svg = chart(&panel("up"), &[series.clone(), series], 0.0, 600.0).unwrap();
        assert!(svg.contains("job=milvus") && svg.contains("<polyline"), "{svg}");
        assert_eq!([super::ago(0.0), super::ago(-45.0), super::ago(-150.0)], ["now", "-45s", "-2m30s"]);
    }

    #[test]
    fn a_malformed_panels_file_is_named_with_its_line() {
        let dir = std::env::temp_dir().join(format!("dashboard-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(PANELS_FILE);
        std::fs::write(&file, "[[panel]]\ntitle = \"a\"\nunit = \"ms\"\nquery = up\n").unwrap();
        let error = format!("{:#}", load_panels(&file).unwrap_err());
        assert!(error.contains("dashboard.toml is not a panels file") && error.contains("line 4"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
