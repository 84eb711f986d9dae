//! Small icons drawn inline as SVG, so they show the same everywhere: emoji and symbol glyphs
//! render as empty boxes on machines without an emoji font. Every icon is decorative
//! (`aria-hidden`); the text beside it, visible or visually hidden, carries the meaning.

use leptos::prelude::*;

/// Which icon to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconKind {
    /// A bell (notifications).
    Bell,
    /// A pin (a pair HR pinned).
    Pin,
    /// A map marker (a meeting's place).
    Place,
    /// A filled star (one point of a rating).
    Star,
    /// An empty star.
    StarEmpty,
    /// A ticked box (a done milestone).
    Checked,
    /// An empty box (a pending milestone).
    Unchecked,
    /// A cross (remove).
    Close,
    /// A warning triangle.
    Warning,
}

/// An inline SVG icon, 1em square by default, drawn in the text colour.
#[component]
pub fn Icon(
    /// The icon.
    kind: IconKind,
    /// Side in pixels; `None` follows the font size (1em).
    #[prop(optional)]
    size: Option<u32>,
) -> impl IntoView {
    let side = size.map_or_else(|| "1em".to_owned(), |s| s.to_string());
    let (class, paths) = match kind {
        IconKind::Bell => (
            "icon icon--bell",
            view! {
                <path d="M4 11V7a4 4 0 0 1 8 0v4l1.5 2h-11z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round" />
                <path d="M6.5 14.5a1.5 1.5 0 0 0 3 0" fill="none" stroke="currentColor" stroke-width="1.4" />
            }
            .into_any(),
        ),
        IconKind::Pin => (
            "icon icon--pin",
            view! {
                <path d="M6 1.5h4l-.5 4 2.5 2.5H4L6.5 5.5z" fill="currentColor" />
                <path d="M8 8v6.5" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" />
            }
            .into_any(),
        ),
        IconKind::Place => (
            "icon icon--place",
            view! {
                <path d="M8 15s5-5.2 5-8.5a5 5 0 0 0-10 0C3 9.8 8 15 8 15z" fill="none" stroke="currentColor" stroke-width="1.4" />
                <circle cx="8" cy="6.5" r="1.8" fill="currentColor" />
            }
            .into_any(),
        ),
        IconKind::Star | IconKind::StarEmpty => (
            if kind == IconKind::Star { "icon icon--star" } else { "icon icon--star-empty" },
            view! {
                <path d="M8 1.3l2 4.3 4.6.5-3.4 3.1 1 4.6L8 11.5l-4.2 2.3 1-4.6L1.4 6.1 6 5.6z"
                    fill=if kind == IconKind::Star { "currentColor" } else { "none" }
                    stroke="currentColor" stroke-width="1.1" stroke-linejoin="round" />
            }
            .into_any(),
        ),
        IconKind::Checked | IconKind::Unchecked => (
            if kind == IconKind::Checked { "icon icon--checked" } else { "icon icon--unchecked" },
            view! {
                <rect x="1.5" y="1.5" width="13" height="13" rx="2" fill="none" stroke="currentColor" stroke-width="1.4" />
                {(kind == IconKind::Checked).then(|| view! {
                    <path d="M4.5 8.3l2.3 2.3 4.7-5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
                })}
            }
            .into_any(),
        ),
        IconKind::Close => (
            "icon icon--close",
            view! { <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" /> }.into_any(),
        ),
        IconKind::Warning => (
            "icon icon--warn",
            view! {
                <path d="M8 1.5 15 14.5H1z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
                <path d="M8 6v4M8 11.8v.4" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
            }
            .into_any(),
        ),
    };
    view! {
        <svg class=class viewBox="0 0 16 16" width=side.clone() height=side aria-hidden="true" focusable="false">
            {paths}
        </svg>
    }
}
