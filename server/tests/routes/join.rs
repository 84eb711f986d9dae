//! Joining a program through its signup link: the link, the account and the profile.

use app::board::api::LoadBoard;
use app::join::api::{CreateSignupLink, JoinInfo, JoinProgram, JoinSignup};
use axum::http::StatusCode;
use domain::ProgramStatus;
use domain::profile::ProfileForm;

use crate::move_to;
use crate::refusals::assert_refused;
use crate::support::{harness, session_cookie};

/// A mentor's profile with everything but the topics: level 3, Madrid, Spanish and English,
/// the agreement ticked.
fn mentor_profile() -> ProfileForm {
    ProfileForm {
        role: "mentor".into(),
        job_level: "3".into(),
        time_zone: "Europe/Madrid".into(),
        languages: vec!["es".into(), "en".into()],
        agree: Some("on".into()),
        ..Default::default()
    }
}

/// The same profile with `can_teach`.
fn teaching(topics: &[&str]) -> ProfileForm {
    ProfileForm {
        can_teach: topics.iter().map(|t| (*t).to_owned()).collect(),
        ..mentor_profile()
    }
}

#[tokio::test]
async fn people_join_a_program_through_its_signup_link() {
    let h = harness().await;
    let pm = h.sign_in("pm@example.com").await;
    let key = h.create_program(&pm).await;
    let link = CreateSignupLink { program: key.clone() };
    let ana = h.sign_in("ana@example.com").await;
    let r = h.send(&ana, &link).await;
    assert_refused(&r, StatusCode::FORBIDDEN, &["/join/", "Piloto 2027"]);
    let other = h.sign_in("pm2@example.com").await;
    let r = h.send(&other, &link).await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["/join/", "Piloto 2027"]);
    let url: String = h.send_ok(&pm, &link).await;
    let token = url.rsplit('/').next().unwrap().to_owned();
    let info = JoinInfo { token: token.clone() };
    let signup = |name: &str, email: &str| JoinSignup {
        token: token.clone(),
        name: name.to_owned(),
        email: email.to_owned(),
        password: "una-clave-larga".into(),
    };
    let join = |profile: ProfileForm| JoinProgram {
        token: token.clone(),
        profile,
    };

    // Anyone with the link reads the program; an unknown token is gone.
    let r = h.send_with(None, "en", &info).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("\"open\":false"),
        "a draft program takes no enrolments: {}",
        r.body
    );
    let unknown = JoinInfo {
        token: "0".repeat(64),
    };
    let r = h.send_with(None, "en", &unknown).await;
    assert_eq!(r.status, StatusCode::GONE);
    let closed = h
        .send_with(None, "en", &signup("Marta", "marta@example.com"))
        .await;
    assert_eq!(closed.status, StatusCode::CONFLICT);
    h.send_ok(&pm, &move_to(&key, ProgramStatus::Enrolling)).await;

    // A new account from the signup page; an email that has an account must sign in instead.
    let r = h.send_with(None, "en", &signup("Ana", "ana@example.com")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = h
        .send_with(None, "en", &signup("Marta Nueva", "Marta@Example.com"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let marta = session_cookie(&r).expect("signed in after signing up");

    // The profile is checked field by field, in the asker's language, and nothing is enrolled.
    let r = h.send_with(Some(&marta), "es", &join(mentor_profile())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("Elige al menos un tema que puedas enseñar"),
        "{}",
        r.body
    );
    assert_eq!(
        r.json_error(),
        ["invalid", "profile.no_topics", "can_teach"],
        "{}",
        r.body
    );
    let r = h.send(&marta, &join(teaching(&["cooking"]))).await;
    assert!(r.body.contains("not in the program's catalogue"), "{}", r.body);
    let bad_zone = ProfileForm {
        time_zone: "Europe/Atlantis".into(),
        ..teaching(&["ai_tools"])
    };
    let r = h.send(&marta, &join(bad_zone)).await;
    assert!(r.body.contains("valid time zone"), "{}", r.body);
    let no_manager = ProfileForm {
        manager_email: "ghost@example.com".into(),
        ..teaching(&["ai_tools"])
    };
    let r = h.send(&marta, &join(no_manager)).await;
    assert!(
        r.body.contains("No employee has your manager's email"),
        "{}",
        r.body
    );
    let r = h.send(&marta, &info).await;
    assert!(r.body.contains("\"enrolled\":null"), "{}", r.body);

    let good = ProfileForm {
        availability: vec!["tue_am".into()],
        ..teaching(&["ai_tools"])
    };
    let r = h.send(&marta, &join(good.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body, "\"mentor\"");
    let r = h.send(&marta, &info).await;
    assert!(r.body.contains("\"enrolled\":\"mentor\""), "{}", r.body);
    let input = db::pairs::pairing_input(&h.state.db, &key).await.unwrap();
    let p = &input.participants[0];
    assert_eq!(
        (p.name.as_str(), p.as_mentor, p.as_mentee),
        ("Marta Nueva", true, false)
    );
    assert_eq!(p.person.can_teach, ["ai_tools"]);
    assert_eq!(p.person.languages, ["es", "en"]);

    // Joining again as both updates the enrolment: the board offers her on both sides.
    let both = ProfileForm {
        role: "both".into(),
        wants_to_learn: vec!["leadership".into()],
        ..good
    };
    let r = h.send(&marta, &join(both)).await;
    assert_eq!(r.body, "\"both\"", "{}", r.body);
    let board = h.send(&pm, &LoadBoard { program: key.clone() }).await.json();
    assert_eq!(board["mentors"].as_array().unwrap().len(), 1);
    assert_eq!(board["mentees"].as_array().unwrap().len(), 1);
    assert_eq!(board["mentors"][0]["id"], board["mentees"][0]["id"]);

    // A new link replaces the old one; enrolment closes with the enrolling stage.
    h.send_ok(&pm, &link).await;
    let r = h.send_with(None, "en", &info).await;
    assert_eq!(r.status, StatusCode::GONE);
}
