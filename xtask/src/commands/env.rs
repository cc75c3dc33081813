use anyhow::Result;
use lab_framework::runner;

use super::named_or_current;
use crate::Outcome;
use crate::catalog::catalog;
use crate::project::Project;

/// Shell exports for the running lab: eval "$(cargo xtask env)".
pub fn run(project: &Project, name: Option<&str>) -> Result<Outcome> {
    let catalog = catalog();
    let lab = named_or_current(project, &catalog, name)?;
    let active = runner::attach(lab, project.state.learner_dirs(lab.meta().id), &project.state)?;
    for (key, value) in active.environment() {
        outln!("export {key}={}", shell_quote(&value));
    }
    for key in active.foreign_setting_variables() {
        outln!("unset {key}");
    }
    Ok(Outcome::Success)
}

fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_survive_the_shell() {
        assert_eq!(super::shell_quote("a'b c"), r"'a'\''b c'");
    }
}
