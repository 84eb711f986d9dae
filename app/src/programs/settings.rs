//! A program's topic catalogue and its matching settings (hard rules and score weights), edited
//! by the program's manager. Someone else's program is "not found", as in [`crate::programs::api`].

use leptos::prelude::*;

use crate::error::AppError;
use crate::{programs::model::MatchingView, programs::model::RuleForm, programs::model::WeightForm};
#[cfg(feature = "ssr")]
use {
    crate::error::ErrorKind,
    crate::programs::api::owned_program,
    crate::ssr::{fail, internal, request_locale, require},
    db::programs::{self, ProgramRow},
    domain::pairing::{
        MatchingSettings, RuleSwitches, SettingsError, Weights, max_overlap_hours, parse_setting,
        settings_editable,
    },
    domain::{CatalogueTopic, Role},
};

/// The catalogue as the domain checks it.
#[cfg(feature = "ssr")]
async fn catalogue(program: &str) -> Result<Vec<CatalogueTopic>, AppError> {
    let state = crate::ssr::guard::state()?;
    let rows = programs::topics(&state.db, program).await?;
    Ok(rows
        .into_iter()
        .map(|t| CatalogueTopic {
            key: t.key,
            es: t.label_es,
            en: t.label_en,
        })
        .collect())
}

/// The program if the asker may change its catalogue: theirs, and not closed.
#[cfg(feature = "ssr")]
async fn open_program(key: &str) -> Result<(crate::ssr::SessionUser, ProgramRow), AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = crate::programs::api::open_program(&user, key).await?;
    Ok((user, row))
}

/// Adds a topic named in both languages; its key is made from the name. Answers the key; the
/// same `submission` key again answers the same topic instead of "already there".
#[server(endpoint = "add_topic")]
pub async fn add_topic(
    key: String,
    label_es: String,
    label_en: String,
    #[server(default)] submission: String,
) -> Result<String, AppError> {
    let (user, _) = open_program(&key).await?;
    crate::ssr::submission::once(&user, "program.topic.add", &submission, || async {
        let topic = domain::topics::new_topic(&label_es, &label_en, &catalogue(&key).await?)?;
        let state = crate::ssr::guard::state()?;
        programs::add_topic(&state.db, &key, &topic)
            .await
            .map_err(|e| match e {
                db::DbError::Conflict(_) => domain::TopicError::Duplicate.into(),
                e => internal(e),
            })?;
        crate::ssr::guard::audit(
            &user,
            "program.topic.add",
            &format!("program:{key}/{}", topic.key),
        )
        .await?;
        Ok(topic.key)
    })
    .await
}

/// Renames a topic in both languages; its key (which profiles use) stays.
#[server(endpoint = "rename_topic")]
pub async fn rename_topic(
    key: String,
    topic: String,
    label_es: String,
    label_en: String,
) -> Result<(), AppError> {
    let (user, _) = open_program(&key).await?;
    let renamed = domain::topics::rename_topic(&topic, &label_es, &label_en, &catalogue(&key).await?)?;
    let state = crate::ssr::guard::state()?;
    if !programs::rename_topic(&state.db, &key, &renamed).await? {
        return Err(fail(ErrorKind::NotFound));
    }
    crate::ssr::guard::audit(&user, "program.topic.rename", &format!("program:{key}/{topic}")).await?;
    Ok(())
}

/// Removes a topic from the catalogue; needs `confirm`.
#[server(endpoint = "remove_topic")]
pub async fn remove_topic(
    key: String,
    topic: String,
    #[server(default)] confirm: bool,
) -> Result<(), AppError> {
    let (user, _) = open_program(&key).await?;
    if !confirm {
        return Err(fail(ErrorKind::TopicRemoveUnconfirmed));
    }
    let state = crate::ssr::guard::state()?;
    let (program, topic) = (db::ProgramKey::new(key.as_str()), db::TopicKey::new(topic));
    if !programs::remove_topic(&state.db, &program, &topic).await? {
        return Err(fail(ErrorKind::NotFound));
    }
    crate::ssr::guard::audit(&user, "program.topic.remove", &format!("program:{key}/{topic}")).await?;
    Ok(())
}

/// The matching settings in force for a program, and whether they may change now.
#[server(endpoint = "get_matching_settings")]
pub async fn get_matching_settings(key: String) -> Result<MatchingView, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = owned_program(&user, &key).await?;
    let state = crate::ssr::guard::state()?;
    Ok(MatchingView {
        settings: programs::matching_settings(&state.db, &key).await?,
        editable: settings_editable(row.status()),
    })
}

/// The settings a form describes, or the first field that is wrong.
#[cfg(feature = "ssr")]
fn settings_of(rules: &RuleForm, weights: &WeightForm) -> Result<MatchingSettings, SettingsError> {
    let weight = |name: &'static str, text: &str| parse_setting(text, SettingsError::Weight { name });
    let settings = MatchingSettings {
        rules: RuleSwitches {
            mentor_junior: rules.mentor_junior,
            separate_reporting_lines: rules.separate_reporting_lines,
            no_repeat_pairs: rules.no_repeat_pairs,
            shared_language: rules.shared_language,
            time_overlap: rules.time_overlap,
            min_overlap_hours: parse_setting(
                &rules.min_overlap_hours,
                SettingsError::MinOverlapHours {
                    max: max_overlap_hours(),
                },
            )?,
            respect_capacity: rules.respect_capacity,
            apply_pins: rules.apply_pins,
            apply_forbids: rules.apply_forbids,
        },
        weights: Weights {
            mentor_teaches: weight("mentor_teaches", &weights.mentor_teaches)?,
            mentee_teaches: weight("mentee_teaches", &weights.mentee_teaches)?,
            shared_interests: weight("shared_interests", &weights.shared_interests)?,
            shared_availability: weight("shared_availability", &weights.shared_availability)?,
            different_department: weight("different_department", &weights.different_department)?,
            different_generation: weight("different_generation", &weights.different_generation)?,
        },
    };
    settings.validate().map(|()| settings)
}

/// The program if the asker may change its matching settings now.
#[cfg(feature = "ssr")]
async fn settings_program(key: &str) -> Result<crate::ssr::SessionUser, AppError> {
    let user = require(Role::ProgramManager).await?;
    let row = owned_program(&user, key).await?;
    if !settings_editable(row.status()) {
        return Err(fail(ErrorKind::MatchingLocked));
    }
    Ok(user)
}

/// Saves a program's hard rules and weights (draft, enrolling and matching stages only). A value
/// out of range is refused with a message naming it, and nothing is saved.
#[server(endpoint = "save_matching_settings")]
pub async fn save_matching_settings(
    key: String,
    rules: RuleForm,
    weights: WeightForm,
) -> Result<(), AppError> {
    let user = settings_program(&key).await?;
    let settings = settings_of(&rules, &weights).map_err(|e| {
        let mut err = fail(ErrorKind::MatchingInvalid);
        err.message = format!(
            "{} {}",
            err.message,
            crate::programs::settings_text::settings_error_text(request_locale(), e)
        );
        err
    })?;
    let state = crate::ssr::guard::state()?;
    programs::set_matching_settings(&state.db, &key, Some(&settings)).await?;
    crate::ssr::guard::audit(&user, "program.matching.save", &format!("program:{key}")).await?;
    Ok(())
}

/// Puts a program's rules and weights back to the defaults.
#[server(endpoint = "reset_matching_settings")]
pub async fn reset_matching_settings(key: String) -> Result<(), AppError> {
    let user = settings_program(&key).await?;
    let state = crate::ssr::guard::state()?;
    programs::set_matching_settings(&state.db, &key, None).await?;
    crate::ssr::guard::audit(&user, "program.matching.reset", &format!("program:{key}")).await?;
    Ok(())
}
