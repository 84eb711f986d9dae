//! Certificates against a real (in-memory) SurrealDB: the record the criteria and hours count
//! (held meetings, attended workshops, completed training), issuing once, the look-up by code
//! and revoking.

use db::certificates::{self, NewCertificate};
use domain::recognition::certificates::{Criteria, Missing, hours_tenths, missing};

mod common;
use common::{BASE, notices, world};

#[tokio::test]
async fn the_record_counts_meetings_workshops_and_training_and_issuing_is_once() {
    let w = world(1).await;
    let (mentor, mentee) = (&w.employees[0], &w.employees[1]);
    // A pair with two held meetings of 45 and 60 minutes and one missed; an attended workshop
    // of 90 minutes; one required module of 5 minutes completed, one of 7 not.
    w.db.client()
        .query(
            "LET $prog = type::record('program', $p);
             LET $m = type::record('employee', $mentor);
             LET $e = type::record('employee', $mentee);
             LET $pair = (CREATE ONLY pair SET program = $prog, mentor = $m, mentee = $e, score = 80, status = 'active');
             FOR $d IN [[45, 'held'], [60, 'held'], [30, 'missed']] {
                 CREATE meeting SET pair = $pair.id, proposed_by = type::record('user', $a),
                     starts_at = time::now() - 2d, duration_minutes = $d[0], time_zone = 'UTC', status = $d[1];
             };
             LET $w = (CREATE ONLY workshop SET program = $prog, title_es = 'T', title_en = 'T',
                 starts_at = time::now() - 1d, duration_minutes = 90, time_zone = 'UTC', place = 'Sala',
                 capacity = 5, audience = 'both');
             CREATE type::record('workshop_seat', [record::id($w.id), record::id($e)]) SET workshop = $w.id,
                 employee = $e, status = 'registered', queued_at = time::now() - 3d, attended = true;
             LET $done = (CREATE ONLY training_module SET program = $prog, kind = 'reading', title_es = 'A',
                 title_en = 'A', body_es = 'x', minutes = 5, audience = 'both', required = true);
             CREATE training_module SET program = $prog, kind = 'reading', title_es = 'B', title_en = 'B',
                 body_es = 'x', minutes = 7, audience = 'mentees', required = true;
             CREATE type::record('training_progress', [record::id($done.id), record::id($e)]) SET
                 module = $done.id, employee = $e, completed_at = time::now();",
        )
        .bind(("p", w.program.as_str().to_owned()))
        .bind(("mentor", mentor.as_str().to_owned()))
        .bind(("mentee", mentee.as_str().to_owned()))
        .bind(("a", w.people[0].as_str().to_owned()))
        .await
        .unwrap()
        .check()
        .unwrap();
    let r = certificates::record(&w.db, mentee, &w.program).await.unwrap();
    assert!(r.had_pair && !r.pair_ended);
    assert_eq!(
        (
            r.held_meetings,
            r.meeting_minutes,
            r.workshop_minutes,
            r.training_minutes
        ),
        (2, 105, 90, 5)
    );
    assert_eq!((r.required_modules, r.required_completed), (2, 1));
    // 105 + 90 + 5 = 200 minutes = 3.3 h.
    assert_eq!(hours_tenths(&r), 33);
    let c = Criteria::default();
    assert_eq!(missing(&c, &r), [Missing::Meetings(2, 3), Missing::Training]);
    let mentor_record = certificates::record(&w.db, mentor, &w.program).await.unwrap();
    assert_eq!(
        (mentor_record.required_modules, mentor_record.workshop_minutes),
        (1, 0)
    );

    let cert = NewCertificate {
        name: "Íñigo Muñoz-Ortúzar".into(),
        role: "mentee",
        program_name: "Piloto".into(),
        starts_on: "2026-01-01".into(),
        ends_on: "2027-06-30".into(),
        hours_tenths: 33,
        issuer_name: "Helena".into(),
    };
    let (a, b) = tokio::join!(
        certificates::issue(&w.db, &w.program, mentee, &cert, BASE),
        certificates::issue(&w.db, &w.program, mentee, &cert, BASE)
    );
    let codes: Vec<String> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
    assert_eq!(codes.len(), 1, "issued once");
    let code = &codes[0];
    assert_eq!(code.len(), 32);
    assert_eq!(notices(&w.db, w.mentee(0), "certificate_issued").await, 1);
    let found = certificates::by_code(&w.db, code).await.unwrap().unwrap();
    assert_eq!(
        (found.name.as_str(), found.hours_tenths),
        ("Íñigo Muñoz-Ortúzar", 33)
    );
    assert!(found.revoked_at.is_none());
    let listed = certificates::candidates(&w.db, &w.program).await.unwrap();
    let mine = listed.iter().find(|c| &c.employee == mentee).unwrap();
    assert_eq!(mine.code.as_deref(), Some(code.as_str()));
    assert_eq!(
        certificates::of_account(&w.db, w.mentee(0)).await.unwrap().len(),
        1
    );

    assert!(
        certificates::revoke(&w.db, code, "Emitido por error")
            .await
            .unwrap()
    );
    let revoked = certificates::by_code(&w.db, code).await.unwrap().unwrap();
    assert!(revoked.revoked_at.is_some());
    assert_eq!(revoked.revoked_reason.as_deref(), Some("Emitido por error"));
    assert!(
        !certificates::revoke(&w.db, "0".repeat(32).as_str(), "x")
            .await
            .unwrap()
    );
    assert!(certificates::by_code(&w.db, "nope").await.unwrap().is_none());

    let criteria = Criteria {
        min_held_meetings: 2,
        required_training: false,
        pair_not_ended: true,
    };
    certificates::set_criteria(&w.db, &w.program, &criteria)
        .await
        .unwrap();
    assert_eq!(
        certificates::criteria(&w.db, &w.program).await.unwrap(),
        Some(criteria)
    );
}
