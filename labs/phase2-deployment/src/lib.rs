//! Phase 2 of the course: deployment. Lite, Standalone, Compose, and choosing
//! between them; Helm labs join with the Kubernetes fixture.

mod choose_mode;
mod compose_stack;
mod lite_quickstart;
mod own_config;
mod standalone_embed;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![
        &lite_quickstart::LiteQuickstart,
        &standalone_embed::StandaloneEmbed,
        &compose_stack::ComposeStack,
        &own_config::OwnConfig,
        &choose_mode::ChooseMode,
    ]
}
