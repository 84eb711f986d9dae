//! The WebAssembly entry point: hydrates the server-rendered page.

/// Called by the hydration script once the bundle has loaded. Pages are lazy-loaded WASM chunks,
/// so hydration waits for the current page's chunk (the server already asked the browser to
/// preload it). Marks `<body data-hydrated>` when done, so tests (and curious people) can tell
/// hydration happened.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::plural_rules::install();
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document().body();
        let Some(body) = body else { return };
        let owner = leptos::mount::hydrate_from_async(body.clone(), app::App).await;
        owner.forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
