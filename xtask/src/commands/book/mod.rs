//! The course book: `content/` staged with every lab page rendered from its
//! metadata, checked (each lab has a page, no broken internal link), then built
//! by mdBook into `target/book`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use fixtures::MissingRequirement;
use lab_framework::catalog::Catalog;
use lab_framework::state::{copy_tree, remove_dir_if_exists};
use xshell::{Shell, cmd};

use super::lab::spinner;

mod views;
use crate::Outcome;
use crate::catalog::catalog;
use crate::project::Project;

/// The mdBook release the book is built with.
const MDBOOK_VERSION: &str = "0.5.4";

pub fn run(project: &Project, serve: bool, port: u16) -> Result<Outcome> {
    let out = build(project)?;
    outln!("Built the book: {}", out.join("index.html").display());
    if serve {
        serve_book(&out, port)?;
    }
    Ok(Outcome::Success)
}

/// Builds the book and returns the output folder.
pub fn build(project: &Project) -> Result<PathBuf> {
    let staged = project.root.join("target/book-src");
    let out = project.root.join("target/book");
    stage(&project.root.join("content"), &staged, &project.root, &catalog())?;
    let mdbook = mdbook(project)?;
    let sh = Shell::new()?;
    let output = cmd!(sh, "{mdbook} build {staged} --dest-dir {out}").quiet().ignore_status().output()?;
    if !output.status.success() {
        bail!("mdbook build failed:\n{}", String::from_utf8_lossy(&output.stderr));
    }
    check_offline(&out)?;
    Ok(out)
}

/// Copies `content` to `staged`, renders the lab pages, and checks the result.
fn stage(content: &Path, staged: &Path, repo_root: &Path, catalog: &Catalog) -> Result<()> {
    remove_dir_if_exists(staged)?;
    copy_tree(content, staged)?;
    let summary = std::fs::read_to_string(content.join("SUMMARY.md")).context("cannot read content/SUMMARY.md")?;
    let mut problems = Vec::new();
    for lab in catalog.all() {
        let meta = lab.meta();
        if !summary.contains(&format!("({}.md)", meta.id)) {
            problems.push(format!("content/SUMMARY.md: lab {} has no page (add `({}.md)`)", meta.id, meta.id));
            continue;
        }
        let page = lab_framework::page::load(meta, repo_root)?;
        let path = staged.join(format!("{}.md", meta.id));
        std::fs::write(&path, page.full).with_context(|| format!("cannot write {}", path.display()))?;
    }
    views::write(staged, catalog)?;
    problems.extend(broken_links(staged)?);
    if !problems.is_empty() {
        bail!("the book has problems:\n  {}", problems.join("\n  "));
    }
    Ok(())
}

/// Every relative Markdown link must point at a file of the book.
fn broken_links(root: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for file in markdown_files(root)? {
        let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
        let relative = file.strip_prefix(root).unwrap_or(&file).display().to_string();
        for (index, line) in text.lines().enumerate() {
            for target in link_targets(line) {
                let path = target.split('#').next().unwrap_or_default();
                let external = ["http://", "https://", "mailto:"].iter().any(|p| target.starts_with(p));
                if external || path.is_empty() {
                    continue;
                }
                let base = file.parent().unwrap_or(root);
                if !base.join(path).exists() {
                    problems.push(format!("content/{relative}:{}: broken link to {target}", index + 1));
                }
            }
        }
    }
    Ok(problems)
}

/// The targets of `[text](target)` links on one line.
fn link_targets(line: &str) -> Vec<&str> {
    let mut targets = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("](") {
        let after = &rest[start + 2..];
        let Some(end) = after.find(')') else { break };
        targets.push(after[..end].trim());
        rest = &after[end..];
    }
    targets
}

fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry.with_context(|| format!("cannot list {}", dir.display()))?.path();
        if path.is_dir() {
            files.extend(markdown_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The built pages must not load anything from the network.
fn check_offline(out: &Path) -> Result<()> {
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(out).with_context(|| format!("cannot list {}", out.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
            for needle in ["src=\"http", "src=\"//", "rel=\"stylesheet\" href=\"http"] {
                if html.contains(needle) {
                    problems.push(format!("{} loads a remote resource ({needle}…)", path.display()));
                }
            }
        }
    }
    if !problems.is_empty() {
        bail!("the book would need a network:\n  {}", problems.join("\n  "));
    }
    Ok(())
}

/// `mdbook` from PATH if it is the pinned release, else installed once into the state folder.
fn mdbook(project: &Project) -> Result<PathBuf> {
    let sh = Shell::new()?;
    if let Ok(version) = cmd!(sh, "mdbook --version").quiet().ignore_stderr().read()
        && version.trim() == format!("mdbook v{MDBOOK_VERSION}")
    {
        return Ok(PathBuf::from("mdbook"));
    }
    let root = project.state.root().join("tools");
    let binary = root.join("bin/mdbook");
    if binary.exists() {
        return Ok(binary);
    }
    if cmd!(sh, "cargo --version").quiet().ignore_stderr().read().is_err() {
        return Err(MissingRequirement {
            what: format!("mdbook {MDBOOK_VERSION}"),
            fix: format!("cargo install mdbook --version {MDBOOK_VERSION}"),
        }
        .into());
    }
    let log = project.state.root().join("mdbook-install.log");
    let progress =
        spinner(&format!("Installing mdbook {MDBOOK_VERSION} into .labs/tools (first build only, a few minutes)"));
    // A debug build: half the compile time of release, and fast enough for one book.
    let output = cmd!(
        sh,
        "cargo install mdbook --version {MDBOOK_VERSION} --locked --debug --no-default-features --features search --root {root}"
    )
    .quiet()
    .ignore_status()
    .output();
    progress.finish_and_clear();
    let output = output?;
    std::fs::create_dir_all(project.state.root())
        .with_context(|| format!("cannot create {}", project.state.root().display()))?;
    std::fs::write(&log, &output.stderr).with_context(|| format!("cannot write {}", log.display()))?;
    if !output.status.success() {
        bail!("installing mdbook failed; see {}", log.display());
    }
    Ok(binary)
}

fn serve_book(out: &Path, port: u16) -> Result<()> {
    let sh = Shell::new()?;
    let python = std::env::var("MILVUS_LABS_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    outln!("Serving on http://127.0.0.1:{port}/ (Ctrl-C stops)");
    let port = port.to_string();
    cmd!(sh, "{python} -m http.server --bind 127.0.0.1 --directory {out} {port}")
        .quiet()
        .run()
        .context("serving the book needs Python 3 (`python3 -m http.server`)")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_link_targets() {
        assert_eq!(link_targets("see [a](x.md) and [b](../y.md#z), not [c]"), ["x.md", "../y.md#z"]);
    }

    #[test]
    fn staging_fails_on_a_broken_link_and_a_lab_without_a_page() {
        let dir = std::env::temp_dir().join(format!("milvus-labs-book-{}", std::process::id()));
        let content = dir.join("content");
        std::fs::create_dir_all(&content).unwrap();
        std::fs::write(content.join("SUMMARY.md"), "# Summary\n\n- [Intro](intro.md)\n").unwrap();
        std::fs::write(
            content.join("intro.md"),
            "# Intro\n\nSee [missing](nowhere.md) and [web](https://milvus.io).\n",
        )
        .unwrap();
        let error = stage(&content, &dir.join("staged"), &dir, &catalog()).unwrap_err().to_string();
        assert!(error.contains("content/intro.md:3: broken link to nowhere.md"), "{error}");
        assert!(error.contains("lab phase2/lite-quickstart has no page"), "{error}");
        assert!(!error.contains("milvus.io"), "external links are not checked: {error}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_repository_content_stages_cleanly() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let staged = std::env::temp_dir().join(format!("milvus-labs-book-repo-{}", std::process::id()));
        stage(&root.join("content"), &staged, root, &catalog()).unwrap();
        let page = std::fs::read_to_string(staged.join("phase2/lite-quickstart.md")).unwrap();
        assert!(page.contains("cargo xtask lab phase2/lite-quickstart"));
        assert!(page.contains("- lite-limits.toml: users_and_roles"), "generated check list");
        let architecture = std::fs::read_to_string(staged.join("architecture.md")).unwrap();
        for version in fixtures::versions::SERVER_VERSIONS {
            assert!(architecture.contains(&format!("data-version=\"{version}\"")), "a button for {version}");
        }
        assert!(architecture.contains("\"indexcoord\""), "2.3's boxes come from the version module");
        let json = architecture.split("id=\"ma-component-data\">").nth(1).unwrap().split("</script>").next().unwrap();
        assert!(!json.contains('<') && json.contains("\\u003chost>"), "`<` is escaped inside the script: {json}");
        std::fs::remove_dir_all(staged).unwrap();
    }
}
