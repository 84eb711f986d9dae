//! How a page shows an error from the server: in place of what could not be loaded, or next to
//! the form whose action failed. One look and one announcement for every page.

use leptos::prelude::*;

use crate::error::AppError;

/// The error's message in the reader's language, announced to screen readers (`role="alert"`),
/// with its kind in `data-kind` for styling and tests.
#[component]
pub fn ErrorView(
    /// What the server answered.
    error: AppError,
) -> impl IntoView {
    view! {
        <p class="alert alert--error" role="alert" data-kind=format!("{:?}", error.kind)>
            {error.message}
        </p>
    }
}
