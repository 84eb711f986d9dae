//! Certificates: HR sets the criteria and issues certificates once the program runs; holders
//! download their PDF; anyone checks a code on the public verification page, which says revoked
//! once HR revokes it. Other programs' managers get "not found", participants "forbidden".

use app::form::Checkbox;
use app::recognition::certificates::{
    CertificateList, IssueCertificates, MyCertificates, RevokeCertificate, SaveCertificateCriteria,
    VerifyCertificate,
};
use axum::http::{StatusCode, header};
use domain::Role;
use domain::recognition::certificates::Missing;

use crate::refusals::{assert_page_refused, assert_refused};
use crate::support::Harness;
use crate::support::harness;
use crate::{Published, published_pair};

/// The demo program running, with `held` meetings held by James's pair.
async fn running(h: &Harness, p: &Published, held: usize) {
    h.query(
        "UPDATE type::record('program', $p) SET status = 'active';
         FOR $i IN 1..=<int> $n {
             CREATE meeting SET pair = type::record('pair', $pair), proposed_by = (SELECT VALUE id FROM user LIMIT 1)[0],
                 starts_at = time::now() - 3d, duration_minutes = 60, time_zone = 'UTC', status = 'held';
         };",
        vec![
            ("p", p.program.clone()),
            ("pair", p.pair.clone()),
            ("n", held.to_string()),
        ],
    )
    .await;
}

fn list(program: &str) -> CertificateList {
    CertificateList {
        program: program.to_owned(),
    }
}

#[tokio::test]
async fn hr_issues_the_holder_downloads_and_anyone_verifies_until_it_is_revoked() {
    let h = harness().await;
    let p = published_pair(&h).await;
    // Before the program runs: nothing to issue.
    let r = h
        .send(
            &p.pm,
            &IssueCertificates {
                program: p.program.clone(),
            },
        )
        .await;
    assert_eq!(
        (r.status, r.json_error()[1].as_str()),
        (StatusCode::CONFLICT, "certificate.not_started")
    );
    running(&h, &p, 2).await;
    // Three held meetings by default: two is not enough.
    let board = h.send_ok(&p.pm, &list(&p.program)).await;
    let james = board
        .people
        .iter()
        .find(|c| c.name.contains("James"))
        .unwrap()
        .clone();
    assert_eq!(james.missing, [Missing::Meetings(2, 3)]);
    assert_eq!(james.hours, "2.0");
    // HR lowers it to two.
    let r = h
        .send(
            &p.pm,
            &SaveCertificateCriteria {
                program: p.program.clone(),
                min_meetings: "2".to_owned(),
                required_training: Checkbox(true),
                pair_not_ended: Checkbox(true),
            },
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let bad = SaveCertificateCriteria {
        program: p.program.clone(),
        min_meetings: "51".to_owned(),
        required_training: Checkbox(true),
        pair_not_ended: Checkbox(true),
    };
    assert_eq!(
        h.send(&p.pm, &bad).await.json_error(),
        ["invalid", "certificate.min_meetings", "min_meetings"].map(str::to_owned)
    );
    let board = h.send_ok(&p.pm, &list(&p.program)).await;
    assert_eq!(board.qualified, 2, "James and his mentor");
    let issue = IssueCertificates {
        program: p.program.clone(),
    };
    let done = h.send_ok(&p.pm, &issue).await;
    assert_eq!((done.issued, done.remaining), (2, 0));
    // Issuing twice issues nothing new.
    assert_eq!(h.send_ok(&p.pm, &issue).await.issued, 0);

    let mine = h.send_ok(&p.mentee, &MyCertificates {}).await;
    assert_eq!(mine.len(), 1);
    let code = mine[0].code.clone();
    let pdf = format!("/certificates/{code}.pdf");
    let r = h.get(&pdf, Some(&p.mentee)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(r.body.starts_with("%PDF-"));
    // HR of the program may too; anyone else not.
    assert_eq!(h.get(&pdf, Some(&p.pm)).await.status, StatusCode::OK);
    let outsider = h.sign_in_as(Role::Participant).await;
    assert_page_refused(
        &h.get(&pdf, Some(&outsider)).await,
        StatusCode::NOT_FOUND,
        &["%PDF"],
    );
    assert_page_refused(
        &h.get(&pdf, Some(&p.mentor)).await,
        StatusCode::NOT_FOUND,
        &["%PDF"],
    );

    // The public page: no account needed.
    let verify = VerifyCertificate { code: code.clone() };
    let v: app::recognition::model::Verification = h.send_with(None, "en", &verify).await.parse();
    assert!(v.revoked_since.is_none());
    assert!(v.name.contains("James"), "{v:?}");
    assert_eq!(v.hours, "2.0");
    // Revoked, with a reason: the page says so.
    let no_reason = RevokeCertificate {
        code: code.clone(),
        reason: String::new(),
    };
    assert_eq!(
        h.send(&p.pm, &no_reason).await.json_error(),
        ["invalid", "certificate.reason", "reason"].map(str::to_owned)
    );
    h.send_ok(
        &p.pm,
        &RevokeCertificate {
            reason: "Issued by mistake".to_owned(),
            ..no_reason
        },
    )
    .await;
    let v: app::recognition::model::Verification = h.send_with(None, "en", &verify).await.parse();
    assert!(v.revoked_since.is_some());
    // A revoked certificate is no longer handed out.
    assert_eq!(h.get(&pdf, Some(&p.mentee)).await.status, StatusCode::GONE);
    let page = h.get(&format!("/verify/{code}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("noindex"), "the page asks not to be indexed");
    assert!(page.body.contains("verify-state"));
    // An unknown or malformed code: not found.
    for unknown in ["0".repeat(32), "nope".to_owned(), "../../etc".to_owned()] {
        let r = h
            .send_with(None, "en", &VerifyCertificate { code: unknown })
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn certificates_are_the_owners_only_and_look_ups_are_limited() {
    let h = harness().await;
    let p = published_pair(&h).await;
    running(&h, &p, 3).await;
    h.send_ok(
        &p.pm,
        &IssueCertificates {
            program: p.program.clone(),
        },
    )
    .await;
    let code = h.send_ok(&p.mentee, &MyCertificates {}).await[0].code.clone();
    let hidden = ["James", &code];
    let other_pm = h.sign_in_as(Role::ProgramManager).await;
    for r in [
        h.send(&other_pm, &list(&p.program)).await,
        h.send(
            &other_pm,
            &IssueCertificates {
                program: p.program.clone(),
            },
        )
        .await,
        h.send(
            &other_pm,
            &RevokeCertificate {
                code: code.clone(),
                reason: "x".to_owned(),
            },
        )
        .await,
    ] {
        assert_refused(&r, StatusCode::NOT_FOUND, &hidden);
    }
    for r in [
        h.send(&p.mentee, &list(&p.program)).await,
        h.send(
            &p.mentee,
            &RevokeCertificate {
                code: code.clone(),
                reason: "x".to_owned(),
            },
        )
        .await,
    ] {
        assert_refused(&r, StatusCode::FORBIDDEN, &hidden);
    }
    // Thirty look-ups a minute from one address, then 429.
    let verify = VerifyCertificate { code };
    for _ in 0..30 {
        assert_eq!(h.send_with(None, "en", &verify).await.status, StatusCode::OK);
    }
    let limited = h.send_with(None, "en", &verify).await;
    assert_eq!(
        (limited.status, limited.json_kind().as_str()),
        (StatusCode::TOO_MANY_REQUESTS, "too_many_lookups")
    );
}
