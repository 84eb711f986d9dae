//! The WebAssembly entry point: hydrates the server-rendered page.

/// Called by the hydration script once the bundle has loaded. Marks `<body data-hydrated>` when
/// done, so tests (and curious people) can tell hydration happened.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
