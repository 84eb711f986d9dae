//! Badges after the events that earn them: each hook runs the badge rules for the people the
//! event concerns, right after the event is stored. A failure here is logged and does not undo
//! or fail what the person did (the next event, or the minute job, awards what was missed).

use db::{AccountKey, EmployeeKey, PairKey, ProgramKey};

use crate::ssr::AppState;

/// After something in the account's pairs (a check-in, a meeting held, a goal reached): both
/// people of each of their pairs.
pub async fn after_pairs_of(state: &AppState, account: &AccountKey) {
    let result = async {
        for p in db::pairs::for_account(&state.db, account.as_str()).await? {
            db::badges::refresh_pair(&state.db, &PairKey::new(db::key_of(&p.id)), &state.base_url).await?;
        }
        Ok::<_, db::DbError>(())
    }
    .await;
    if let Err(e) = result {
        tracing::warn!(error = %e, "awarding badges after a pair event failed");
    }
}

/// After the account's progress in a program (training completed).
pub async fn after_account(state: &AppState, account: &AccountKey, program: &ProgramKey) {
    if let Err(e) = db::badges::refresh_account(&state.db, account, program, &state.base_url).await {
        tracing::warn!(error = %e, "awarding badges after training failed");
    }
}

/// After something that happened to one employee in a program (kudos received, attendance).
pub async fn after_employee(state: &AppState, employee: &EmployeeKey, program: &ProgramKey) {
    if let Err(e) = db::badges::refresh(&state.db, employee, program, &state.base_url).await {
        tracing::warn!(error = %e, "awarding badges failed");
    }
}
