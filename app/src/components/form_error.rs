//! Shows the error of a server action next to its form, announced to screen readers.

use leptos::prelude::*;

use crate::error::AppError;

/// The action's error message, if its last result was an error.
#[component]
pub fn FormError(
    /// The action's latest result.
    #[prop(into)]
    result: Signal<Option<Result<(), AppError>>>,
) -> impl IntoView {
    move || {
        result.get().and_then(Result::err).map(|e| {
            view! {
                <p class="alert alert--error" role="alert" data-kind=format!("{:?}", e.kind)>
                    {e.message}
                </p>
            }
        })
    }
}
