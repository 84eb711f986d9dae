//! Recognition: kudos on a program's wall between its participants and from HR, hidden by the
//! recipient or removed by HR with a reason; badges earned by what the pair does. Everyone
//! outside the program gets "not found".

use app::form::Checkbox;
use app::notifications::api::MyNotifications;
use app::recognition::api::{HideKudos, KudosWall, MyRecognition, RemoveKudos, SendKudos};
use app::workspace::checkins::SubmitCheckin;
use app::workspace::goals::PairWorkspace;
use axum::http::StatusCode;
use domain::Role;
use domain::recognition::badges::Badge;

use crate::refusals::assert_refused;
use crate::support::{Harness, harness};
use crate::{Published, published_pair};

fn wall(program: &str) -> KudosWall {
    KudosWall {
        program: program.to_owned(),
        page: 0,
    }
}

fn kudos(program: &str, to: &str, message: &str) -> SendKudos {
    SendKudos {
        program: program.to_owned(),
        to: to.to_owned(),
        value: "taught_me".to_owned(),
        message: message.to_owned(),
        submission: String::new(),
    }
}

/// James's employee key, as the mentor's wall offers him.
async fn james(h: &Harness, p: &Published) -> String {
    h.send_ok(&p.mentor, &wall(&p.program))
        .await
        .recipients
        .into_iter()
        .find(|r| r.name.contains("James"))
        .expect("James is in the program")
        .key
}

#[tokio::test]
async fn a_participant_and_hr_send_kudos_and_the_recipient_sees_and_hides_them() {
    let h = harness().await;
    let p = published_pair(&h).await;
    let james_key = james(&h, &p).await;
    let r = h
        .send(
            &p.mentor,
            &kudos(&p.program, &james_key, "Gracias por enseñarme a delegar"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // HR too.
    let r = h
        .send(&p.pm, &kudos(&p.program, &james_key, "Great progress"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let seen = h.send_ok(&p.mentee, &wall(&p.program)).await;
    assert_eq!(seen.total, 2);
    assert_eq!(seen.kudos[0].message, "Great progress");
    assert!(seen.kudos.iter().all(|k| k.to_me));
    assert!(!seen.is_hr && seen.open);
    // James is not offered himself.
    assert!(seen.recipients.iter().all(|r| r.key != james_key));
    let told = h.send_ok(&p.mentee, &MyNotifications {}).await;
    assert!(told.iter().any(|n| n.text.contains("kudos")), "{told:?}");

    // Only the recipient takes one off; HR removes one with a reason.
    let first = seen.kudos[1].key.clone();
    let not_theirs = h.send(&p.mentor, &HideKudos { kudos: first.clone() }).await;
    assert_eq!(not_theirs.status, StatusCode::NOT_FOUND);
    h.send_ok(&p.mentee, &HideKudos { kudos: first }).await;
    let no_reason = RemoveKudos {
        kudos: seen.kudos[0].key.clone(),
        reason: "  ".to_owned(),
    };
    assert_eq!(
        h.send(&p.pm, &no_reason).await.json_error(),
        ["invalid", "kudos.reason", "reason"].map(str::to_owned)
    );
    h.send_ok(
        &p.pm,
        &RemoveKudos {
            reason: "Duplicado".to_owned(),
            ..no_reason
        },
    )
    .await;
    assert_eq!(h.send_ok(&p.mentor, &wall(&p.program)).await.total, 0);
    assert!(h.send_ok(&p.pm, &wall(&p.program)).await.is_hr);
}

#[tokio::test]
async fn kudos_are_refused_with_the_field_named() {
    let h = harness().await;
    let p = published_pair(&h).await;
    let james_key = james(&h, &p).await;
    let mentor_key = h
        .send_ok(&p.mentee, &wall(&p.program))
        .await
        .recipients
        .into_iter()
        .find(|r| r.key != james_key)
        .unwrap()
        .key;
    let cases = [
        (
            kudos(&p.program, &james_key, " "),
            ["invalid", "kudos.empty", "message"],
        ),
        (
            kudos(&p.program, &james_key, &"á".repeat(281)),
            ["invalid", "kudos.too_long", "message"],
        ),
        (
            SendKudos {
                value: "bravery".to_owned(),
                ..kudos(&p.program, &james_key, "Hola")
            },
            ["invalid", "kudos.value", "value"],
        ),
    ];
    for (args, want) in cases {
        let r = h.send(&p.mentor, &args).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.json_error(), want.map(str::to_owned));
    }
    // To oneself: James thanking James.
    let r = h.send(&p.mentee, &kudos(&p.program, &james_key, "Yo")).await;
    assert_eq!(
        r.json_error(),
        ["invalid", "kudos.to_self", "to"].map(str::to_owned)
    );
    // Ten a day.
    for i in 0..10 {
        let r = h
            .send(
                &p.mentee,
                &kudos(&p.program, &mentor_key, &format!("Gracias {i}")),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = h.send(&p.mentee, &kudos(&p.program, &mentor_key, "Once")).await;
    assert_eq!(
        r.json_error(),
        ["invalid", "kudos.daily_limit", "message"].map(str::to_owned)
    );
    assert_eq!(h.send_ok(&p.mentor, &wall(&p.program)).await.total, 10);
}

#[tokio::test]
async fn walls_are_the_programs_people_and_owners_only() {
    let h = harness().await;
    let p = published_pair(&h).await;
    let james_key = james(&h, &p).await;
    h.send_ok(&p.mentor, &kudos(&p.program, &james_key, "Secreto del programa"))
        .await;
    let key = h.send_ok(&p.mentee, &wall(&p.program)).await.kudos[0].key.clone();
    let hidden = ["Secreto del programa", "James"];

    let other_pm = h.sign_in_as(Role::ProgramManager).await;
    let outsider = h.sign_in_as(Role::Participant).await;
    for cookie in [&other_pm, &outsider] {
        for r in [
            h.send(cookie, &wall(&p.program)).await,
            h.send(cookie, &kudos(&p.program, &james_key, "Hola")).await,
        ] {
            assert_refused(&r, StatusCode::NOT_FOUND, &hidden);
        }
    }
    assert_refused(
        &h.send(
            &other_pm,
            &RemoveKudos {
                kudos: key.clone(),
                reason: "x".to_owned(),
            },
        )
        .await,
        StatusCode::NOT_FOUND,
        &hidden,
    );
    assert_refused(
        &h.send(&outsider, &HideKudos { kudos: key.clone() }).await,
        StatusCode::NOT_FOUND,
        &hidden,
    );
    // Participants do not remove kudos, even on their own wall.
    assert_refused(
        &h.send(
            &p.mentee,
            &RemoveKudos {
                kudos: key,
                reason: "x".to_owned(),
            },
        )
        .await,
        StatusCode::FORBIDDEN,
        &hidden,
    );
}

#[tokio::test]
async fn the_fifth_check_in_earns_a_badge_shown_on_the_persons_page_and_in_the_workspace() {
    let h = harness().await;
    let p = published_pair(&h).await;
    let badges = |cookie: String| {
        let h = &h;
        async move {
            h.send_ok(&cookie, &MyRecognition {})
                .await
                .badges
                .into_iter()
                .map(|b| b.badge)
                .collect::<Vec<_>>()
        }
    };
    assert!(badges(p.mentee.clone()).await.is_empty());
    for i in 0..5 {
        let r = h
            .send(
                &p.mentee,
                &SubmitCheckin {
                    pair: p.pair.clone(),
                    rating: Some("4".to_owned()),
                    learned: format!("Paso {i}"),
                    taught: String::new(),
                    next_step: String::new(),
                    blocker: Checkbox(false),
                    client_id: format!("badge-check-in-{i}"),
                },
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        if i < 4 {
            assert!(
                badges(p.mentee.clone()).await.is_empty(),
                "after {} check-ins",
                i + 1
            );
        }
    }
    assert_eq!(badges(p.mentee.clone()).await, [Badge::FiveCheckins]);
    assert!(badges(p.mentor.clone()).await.is_empty());
    let told = h.send_ok(&p.mentee, &MyNotifications {}).await;
    assert!(told.iter().any(|n| n.text.contains("Five check-ins")), "{told:?}");
    let ws = h
        .send_ok(&p.mentor, &PairWorkspace { pair: p.pair.clone() })
        .await;
    assert_eq!(ws.badges.len(), 1);
    assert_eq!(ws.badges[0].holder, ws.mentee.name);
}
