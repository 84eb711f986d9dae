//! The steps of an import while it runs: the file read, its rows checked, and the people being
//! written. The write is one transaction on the server, so its step shows how many people it
//! writes and how long it has been running, not a percentage nobody measures.

use leptos::prelude::*;

use crate::i18n::*;

/// Where an import stands, shown as an ordered list of steps while `running`. `rows` is the
/// number of people the file holds (from the preview).
#[component]
pub(super) fn ImportSteps(rows: i64, running: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let elapsed = RwSignal::new(0_i64);
    // Seconds since the write started, counted in the browser (the server sends nothing until
    // it has finished).
    #[cfg(feature = "hydrate")]
    {
        let ticker = StoredValue::new_local(None::<leptos::leptos_dom::helpers::IntervalHandle>);
        Effect::new(move |_| {
            if let Some(handle) = ticker.get_value() {
                handle.clear();
                ticker.set_value(None);
            }
            if running.get() {
                elapsed.set(0);
                let handle = leptos::leptos_dom::helpers::set_interval_with_handle(
                    move || elapsed.update(|s| *s += 1),
                    std::time::Duration::from_secs(1),
                )
                .ok();
                ticker.set_value(handle);
            }
        });
        on_cleanup(move || {
            if let Some(handle) = ticker.get_value() {
                handle.clear();
            }
        });
    }
    view! {
        <Show when=move || running.get()>
            <div class="import__steps-wrap" role="status" aria-live="polite">
                <ol class="import__steps">
                    <li data-state="done">{t!(i18n, import.step_read)}</li>
                    <li data-state="done">{t!(i18n, import.step_checked, count = move || rows)}</li>
                    <li data-state="current" aria-current="step">
                        {t!(i18n, import.step_writing, count = move || rows)}
                        " "
                        <span class="muted import__elapsed" data-seconds=move || elapsed.get()>
                            {t!(i18n, import.step_elapsed, seconds = move || elapsed.get())}
                        </span>
                    </li>
                </ol>
                <progress class="import__progress" aria-label=move || td_string!(i18n.get_locale(), import.importing)></progress>
            </div>
        </Show>
    }
}
