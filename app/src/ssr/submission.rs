//! Idempotent creation: a form that creates something sends the `submission` key it was shown
//! with, and [`once`] runs the work for the first request with that key only; a repeat (double
//! click, replayed POST, retry after a lost answer) gets the first request's answer.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::auth::SessionUser;
use super::guard::{fail, internal, state};
use crate::error::{AppError, ErrorKind};

/// Runs `work` once per `(account, action, submission)`. `action` names what is created (e.g.
/// `meeting.propose`); `submission` is the form's key (letters, digits and `-`, at most 64).
/// An empty key runs the work without protection, for API clients that send none.
///
/// When the work fails, the claim is given up so that the same form may be sent again.
///
/// Errors: 400 for a malformed key; 409 `ChangedMeanwhile` when the first request with the key
/// is still working after 10 s; the work's own errors.
pub async fn once<T, F, Fut>(
    user: &SessionUser,
    action: &'static str,
    submission: &str,
    work: F,
) -> Result<T, AppError>
where
    T: Serialize + DeserializeOwned,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let key = submission.trim();
    if key.is_empty() {
        return work().await;
    }
    if key.len() > db::submissions::MAX_KEY || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(fail(ErrorKind::BadRequest));
    }
    let st = state()?;
    let db = &st.db;
    let (account, key) = (user.account_key(), db::SubmissionKey::new(key));
    match db::submissions::claim(db, &account, action, &key).await? {
        db::submissions::Claim::First => match work().await {
            Ok(value) => {
                let text = serde_json::to_string(&value).map_err(internal)?;
                db::submissions::answer(db, &account, action, &key, &text).await?;
                Ok(value)
            }
            Err(e) => {
                if let Err(release) = db::submissions::release(db, &account, action, &key).await {
                    tracing::warn!(error = %release, action, "could not release a failed submission");
                }
                Err(e)
            }
        },
        db::submissions::Claim::Answered(text) => serde_json::from_str(&text).map_err(internal),
        db::submissions::Claim::Pending => Err(fail(ErrorKind::ChangedMeanwhile)),
    }
}
