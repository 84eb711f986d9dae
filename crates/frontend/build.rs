//! Links the WebAssembly module with an 8 MiB stack instead of the default 1 MiB.
//!
//! Leptos components compiled without optimisation keep every view's state on the stack; the
//! pairing board's pair card alone needs a frame big enough that hydrating a full board ran past
//! 1 MiB ("RuntimeError: memory access out of bounds" in `PairCard`, seen in the browser tests).
//! Only the final link of this crate changes, so nothing else is rebuilt.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg=-zstack-size=8388608");
    }
}
