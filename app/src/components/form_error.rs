//! Shows the error of a server action next to its form, announced to screen readers.

use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::error::AppError;

/// The action's error message, if its last result was an error.
#[component]
pub fn FormError(
    /// The action's latest result.
    #[prop(into)]
    result: Signal<Option<Result<(), AppError>>>,
) -> impl IntoView {
    move || {
        result
            .get()
            .and_then(Result::err)
            .map(|error| view! { <ErrorView error /> })
    }
}
