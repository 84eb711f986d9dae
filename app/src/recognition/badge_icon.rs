//! A badge drawn as an inline SVG: a medal in the badge's colour with its sign, named for
//! assistive technology (`role="img"` with a `<title>` naming the badge and how it is earned).

use domain::recognition::badges::Badge;
use leptos::prelude::*;

use crate::i18n::*;
use crate::recognition::text::{badge_how, badge_name};

/// The medal's colour and the sign drawn on it.
fn look(b: Badge) -> (&'static str, &'static str) {
    match b {
        Badge::FirstMeeting => ("#2f5d50", "1"),
        Badge::FiveCheckins => ("#3b6ea5", "5"),
        Badge::FirstGoal => ("#b4532a", "★"),
        Badge::TwoWayPair => ("#6b4fa0", "⇄"),
        Badge::TrainingDone => ("#1f6b3a", "✓"),
        Badge::FiveKudos => ("#a3261d", "♥"),
        Badge::ProgramCompleted => ("#7a5c00", "∞"),
    }
}

/// The badge as an image of `size` pixels, with `id_suffix` keeping its title's id unique on the
/// page.
#[component]
pub fn BadgeIcon(badge: Badge, #[prop(default = 56)] size: u32, id_suffix: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let (colour, sign) = look(badge);
    let title_id = format!("badge-{}-{id_suffix}", badge.as_str());
    let labelled_by = title_id.clone();
    let label = format!("{}: {}", badge_name(locale, badge), badge_how(locale, badge));
    view! {
        <svg class="badge-icon" width=size height=size viewBox="0 0 64 64" role="img"
            aria-labelledby=labelled_by data-badge=badge.as_str()>
            <title id=title_id>{label}</title>
            <path d="M20 40 L14 62 L24 56 L30 62 L32 44 Z" fill=colour opacity="0.75" />
            <path d="M44 40 L50 62 L40 56 L34 62 L32 44 Z" fill=colour opacity="0.75" />
            <circle cx="32" cy="28" r="24" fill=colour />
            <circle cx="32" cy="28" r="19" fill="none" stroke="#ffffff" stroke-width="2" opacity="0.8" />
            <text x="32" y="36" text-anchor="middle" font-size="22" font-weight="700" fill="#ffffff"
                font-family="system-ui, sans-serif">{sign}</text>
        </svg>
    }
}
