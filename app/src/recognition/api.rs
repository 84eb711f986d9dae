//! Recognition server functions: a program's wall (read, send, hide, remove) and a
//! participant's badges.
//!
//! Who may do what: the wall is for the program's active participants and its owner (admins own
//! all); anyone else gets "not found". Participants and HR send kudos to active participants of
//! the program, never to themselves, at most ten a day; the recipient hides a kudos; HR removes
//! one with a reason (audited). A closed program's wall is read-only.

use leptos::prelude::*;

use crate::error::AppError;
use crate::recognition::model::{RecognitionOverview, WallView};
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::recognition::model::{BadgeView, KudosItem, Recipient, WallLink},
    crate::ssr::guard::check_key,
    crate::ssr::{SessionUser, fail, require},
    chrono::{DateTime, Datelike, Utc},
    db::ProgramKey,
    domain::recognition::badges::Badge,
    domain::recognition::kudos::{KudosError, KudosValue, WALL_PAGE, validate_kudos, validate_reason},
    domain::{Lang, ProgramStatus, Role},
};

/// `at` as a date in `lang` ("3 de marzo de 2027").
#[cfg(feature = "ssr")]
pub(crate) fn day(at: DateTime<Utc>, lang: Lang) -> String {
    domain::format_date(at.year(), at.month(), at.day(), lang).unwrap_or_default()
}

/// How the reader reaches a program's wall.
#[cfg(feature = "ssr")]
struct Access {
    program: db::programs::ProgramRow,
    is_hr: bool,
}

/// The program, if the reader owns it (HR, admins) or is one of its active participants;
/// "not found" otherwise.
#[cfg(feature = "ssr")]
async fn wall_access(user: &SessionUser, program: &str) -> Result<Access, AppError> {
    check_key(program)?;
    let state = crate::ssr::guard::state()?;
    let row = db::programs::find(&state.db, program)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    let is_hr = user.role == Role::Admin || row.owner_key() == user.key;
    if !is_hr && !db::kudos::is_participant(&state.db, &user.account_key(), &ProgramKey::new(program)).await?
    {
        return Err(fail(ErrorKind::NotFound));
    }
    Ok(Access { program: row, is_hr })
}

/// Page `page` (0 first) of the program's wall, newest first, with who the reader may thank.
#[server(endpoint = "kudos_wall")]
pub async fn kudos_wall(program: String, #[server(default)] page: usize) -> Result<WallView, AppError> {
    let user = require(Role::Participant).await?;
    let access = wall_access(&user, &program).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let key = ProgramKey::new(program.as_str());
    let mut wall = db::kudos::wall(&state.db, &user.account_key(), &key, page, WALL_PAGE).await?;
    let pages = wall.total.div_ceil(WALL_PAGE).max(1);
    // Past the last page (an old link, a hand-made address): the last page.
    let page = page.min(pages - 1);
    if wall.kudos.is_empty() && wall.total > 0 {
        wall = db::kudos::wall(&state.db, &user.account_key(), &key, page, WALL_PAGE).await?;
    }
    let kudos = wall
        .kudos
        .into_iter()
        .map(|k| {
            Ok(KudosItem {
                key: db::key_of(&k.id),
                from: k.sender_name,
                to: k.recipient_name,
                value: db::stored("kudos value", &k.value, KudosValue::parse)?,
                message: k.message,
                when: day(k.created_at, lang),
                to_me: k.to_me,
            })
        })
        .collect::<Result<Vec<_>, db::DbError>>()?;
    let mine = db::kudos::employees_of(&state.db, &user.account_key()).await?;
    let recipients = db::kudos::recipients(&state.db, &key)
        .await?
        .into_iter()
        .filter(|(e, _)| !mine.contains(e))
        .map(|(e, name)| Recipient {
            key: e.into_string(),
            name,
        })
        .collect();
    Ok(WallView {
        program: access.program.name.clone(),
        kudos,
        page,
        pages,
        total: wall.total,
        is_hr: access.is_hr,
        open: access.program.status() != ProgramStatus::Closed,
        recipients,
    })
}

/// Sends kudos in the program to participant `to`: a `value` from the list and a message of up
/// to 280 characters. Answers the wall's address. The same `submission` key again answers the
/// first result. Errors: 422 naming the field (empty or long message, unknown value, oneself,
/// the daily limit of ten); 404 for a program or person the sender cannot reach; 409 in a
/// closed program.
#[server(endpoint = "send_kudos")]
pub async fn send_kudos(
    program: String,
    #[server(default)] to: String,
    #[server(default)] value: String,
    #[server(default)] message: String,
    #[server(default)] submission: String,
) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    let access = wall_access(&user, &program).await?;
    if access.program.status() == ProgramStatus::Closed {
        return Err(fail(ErrorKind::ProgramClosed));
    }
    let kudos = validate_kudos(&message, &value)?;
    check_key(&to)?;
    let state = crate::ssr::guard::state()?;
    let key = ProgramKey::new(program.as_str());
    let recipient = db::EmployeeKey::new(to.as_str());
    crate::ssr::submission::once(&user, "kudos.send", &submission, || async {
        let sent = db::kudos::send(
            &state.db,
            db::kudos::Sender {
                account: &user.account_key(),
                by_hr: access.is_hr,
            },
            &key,
            &recipient,
            &kudos,
            Utc::now(),
            &state.base_url,
        )
        .await?;
        match sent {
            db::kudos::Sent::Done(_) => {}
            db::kudos::Sent::NotFound => return Err(fail(ErrorKind::NotFound)),
            db::kudos::Sent::ToSelf => return Err(KudosError::ToSelf.into()),
            db::kudos::Sent::DailyLimit => return Err(KudosError::DailyLimit.into()),
        }
        crate::recognition::award::after_employee(&state, &recipient, &key).await;
        Ok(crate::accounts::auth::form_redirect(format!(
            "/programs/{program}/wall"
        )))
    })
    .await
}

/// Takes a kudos the reader received off the wall. 404 for one that is not theirs.
#[server(endpoint = "hide_kudos")]
pub async fn hide_kudos(kudos: String) -> Result<String, AppError> {
    let user = require(Role::Participant).await?;
    check_key(&kudos)?;
    let state = crate::ssr::guard::state()?;
    let program = db::kudos::program_of(&state.db, &kudos)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    if !db::kudos::hide(&state.db, &user.account_key(), &kudos).await? {
        return Err(fail(ErrorKind::NotFound));
    }
    Ok(crate::accounts::auth::form_redirect(format!(
        "/programs/{}/wall",
        program.as_str()
    )))
}

/// HR removes a kudos from the wall with a reason (1–500 characters), recorded in the audit
/// log. 404 for a kudos of a program the asker does not own.
#[server(endpoint = "remove_kudos")]
pub async fn remove_kudos(kudos: String, #[server(default)] reason: String) -> Result<String, AppError> {
    let user = require(Role::ProgramManager).await?;
    check_key(&kudos)?;
    let state = crate::ssr::guard::state()?;
    let program = db::kudos::program_of(&state.db, &kudos)
        .await?
        .ok_or_else(|| fail(ErrorKind::NotFound))?;
    crate::programs::api::owned_program(&user, program.as_str()).await?;
    let reason = validate_reason(&reason)?;
    if !db::kudos::remove(&state.db, &user.account_key(), &kudos, &reason).await? {
        return Err(fail(ErrorKind::NotFound));
    }
    crate::ssr::guard::audit(&user, "kudos.remove", &format!("kudos:{kudos} {reason}")).await?;
    Ok(crate::accounts::auth::form_redirect(format!(
        "/programs/{}/wall",
        program.as_str()
    )))
}

/// The signed-in person's badges (newest first) and the walls of their programs.
#[server(endpoint = "my_recognition")]
pub async fn my_recognition() -> Result<RecognitionOverview, AppError> {
    let user = require(Role::Participant).await?;
    let state = crate::ssr::guard::state()?;
    let lang = crate::ssr::guard::request_lang();
    let badges = db::badges::of_account(&state.db, &user.account_key())
        .await?
        .into_iter()
        .map(|a| {
            Ok(BadgeView {
                badge: db::stored("badge", &a.badge, Badge::parse)?,
                program: a.program_name,
                holder: user.name.clone(),
                when: day(a.awarded_at, lang),
            })
        })
        .collect::<Result<Vec<_>, db::DbError>>()?;
    let walls = db::kudos::walls_of(&state.db, &user.account_key())
        .await?
        .into_iter()
        .map(|(program, name)| WallLink {
            program: program.into_string(),
            name,
        })
        .collect();
    Ok(RecognitionOverview { badges, walls })
}
