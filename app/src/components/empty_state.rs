//! A friendly panel for lists and dashboards with nothing in them yet.

use leptos::prelude::*;

/// Title and explanation of an empty place, with an optional action below.
#[component]
pub fn EmptyState(
    /// Short title.
    #[prop(into)]
    title: Signal<String>,
    /// One or two sentences on what will appear here and how.
    #[prop(into)]
    body: Signal<String>,
    /// Optional actions.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <section class="empty-state">
            <div class="empty-state__icon" aria-hidden="true">"◎"</div>
            <h2>{title}</h2>
            <p>{body}</p>
            {children.map(|c| c())}
        </section>
    }
}
