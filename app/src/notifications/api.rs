//! In-app notifications of the signed-in user.

use leptos::prelude::*;

use crate::error::AppError;
use crate::notifications::model::NotificationItem;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{internal, require},
    chrono::Datelike,
    domain::Role,
};

/// The signed-in user's latest notifications, newest first.
#[server(endpoint = "my_notifications")]
pub async fn my_notifications() -> Result<Vec<NotificationItem>, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let rows = db::notifications::list(&state.db, &user.key).await?;
    let locale = crate::ssr::guard::request_locale();
    Ok(rows
        .into_iter()
        .map(|n| NotificationItem {
            text: match n.notice() {
                Some(notice) => crate::notifications::text::notice_text(locale, &notice),
                None => n.title.clone(),
            },
            kind: n.kind,
            link: n.link.filter(|l| l.starts_with('/') && !l.starts_with("//")),
            read: n.read_at.is_some(),
            date: (n.created_at.year(), n.created_at.month(), n.created_at.day()),
        })
        .collect())
}

/// Marks all the signed-in user's notifications as read; answers how many were unread.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<i64, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    db::notifications::mark_all_read(&state.db, &user.key)
        .await
        .map_err(internal)
}
