//! The WebAssembly entry point: hydrates the server-rendered page.

/// Called by the hydration script once the bundle has loaded. Most pages live in lazily loaded
/// WASM chunks, and hydration is synchronous (see `vendor/README.md`), so the current page's
/// chunk (which the page names) is loaded first. Marks
/// `<body data-hydrated>` when done, so tests (and curious people) can tell hydration happened.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::plural_rules::install();
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        app::load_page_code().await;
        let owner = leptos::mount::hydrate_from(body.clone(), app::App);
        owner.forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
