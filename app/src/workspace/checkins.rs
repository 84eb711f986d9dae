//! The 30-second check-in from a phone: how it went, what I learned or taught, the next step,
//! and a blocker flag.
//!
//! `submit_checkin` answers only after the check-in is committed, and a repeated submission (same
//! `client_id`, made once per form) is stored once, so a phone may retry freely.

use leptos::prelude::*;

use crate::error::AppError;
use crate::{workspace::model::CheckinTarget, workspace::model::CheckinView};
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::ssr::{fail, require},
    db::goals::Outcome,
    domain::meeting::CheckinForm,
    domain::{Lang, Role},
};

/// A stored check-in as the workspace lists it, its time in `zone`.
#[cfg(feature = "ssr")]
pub fn checkin_view(c: db::checkins::CheckinRow, zone: &str, lang: Lang) -> CheckinView {
    CheckinView {
        key: db::key_of(&c.id),
        author: c.author_name,
        mine: c.mine,
        rating: u8::try_from(c.rating).unwrap_or(0),
        learned: c.learned,
        taught: c.taught,
        next_step: c.next_step,
        blocker: c.blocker,
        written: crate::ssr::calendar::when(c.created_at, zone, lang),
        client_id: c.client_id,
    }
}

/// The pairs the signed-in person can check in for (published or active), each with a fresh
/// submission key for its form.
#[server(endpoint = "checkin_targets")]
pub async fn checkin_targets() -> Result<Vec<CheckinTarget>, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let pairs = db::pairs::for_account(&state.db, &user.key).await?;
    let mut targets = Vec::new();
    for p in pairs {
        // A status the code does not know is an error (500, logged), not a pair left out.
        if db::pair_status(&p.status)?.is_writable() {
            targets.push(CheckinTarget {
                pair: db::key_of(&p.id),
                with: p.other_name,
                program: p.program,
                client_id: db::new_key(),
            });
        }
    }
    Ok(targets)
}

/// Stores a check-in for one of the signed-in person's pairs. Answers the page that confirms it,
/// `/checkin?saved=KEY` (a plain form is redirected there); the same `client_id` again answers
/// the same page and stores nothing new.
#[server(endpoint = "submit_checkin")]
pub async fn submit_checkin(
    pair: String,
    rating: Option<String>,
    learned: String,
    taught: String,
    next_step: String,
    #[server(default)] blocker: crate::form::Checkbox,
    client_id: String,
) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    crate::ssr::guard::check_key(&pair)?;
    let checkin = CheckinForm {
        rating: rating.unwrap_or_default(),
        learned,
        taught,
        next_step,
        blocker: blocker.ticked(),
        client_id,
    }
    .validate()?;
    let state = crate::ssr::guard::state()?;
    let outcome =
        db::checkins::submit(&state.db, &user.account_key(), &db::PairKey::new(pair), &checkin).await?;
    match outcome {
        Outcome::Done(key) => {
            crate::recognition::award::after_pairs_of(&state, &user.account_key()).await;
            Ok(crate::accounts::auth::form_redirect(format!(
                "/checkin?saved={key}"
            )))
        }
        Outcome::NotFound | Outcome::NotOwner => Err(fail(ErrorKind::NotFound)),
        Outcome::Locked => Err(fail(ErrorKind::PairLocked)),
    }
}

/// Every check-in of one of the signed-in person's pairs, newest first.
#[server(endpoint = "pair_checkins")]
pub async fn pair_checkins(pair: String) -> Result<Vec<CheckinView>, AppError> {
    let user = require(Role::Participant).await?;
    crate::ssr::guard::check_key(&pair)?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let rows = db::checkins::for_pair(&state.db, &user.account_key(), &db::PairKey::new(pair))
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    let zone = db::employees::time_zone_of_account(&state.db, &user.key).await?;
    Ok(rows.into_iter().map(|c| checkin_view(c, &zone, lang)).collect())
}
