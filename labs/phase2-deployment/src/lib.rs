//! Phase 2 of the course: deployment. Lite, Standalone and Compose today; Helm
//! labs join with the Kubernetes fixture.

mod compose_stack;
mod lite_quickstart;
mod standalone_embed;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![&lite_quickstart::LiteQuickstart, &standalone_embed::StandaloneEmbed, &compose_stack::ComposeStack]
}
