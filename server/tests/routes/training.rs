//! Training: HR builds a program's modules (starter set, editor, reorder, remove with
//! confirmation); participants take the modules of their side (read, tick, quiz); everyone else
//! gets "not found", and participants cannot edit modules. HR follows who has finished the
//! required modules and reminds the others, once a day.

use std::collections::BTreeMap;

use app::form::Checkbox;
use app::notifications::api::MyNotifications;
use app::training::api::{
    AddStarterTraining, CompleteTrainingModule, MoveTrainingModule, MyTraining, RemoveTrainingModule,
    SaveTrainingModule, SubmitTrainingQuiz, TickTrainingItem, TrainingModule, TrainingModules,
};
use app::training::model::RemoveOutcome;
use app::training::progress::{RemindTraining, TrainingProgress};
use axum::http::{StatusCode, header};
use domain::Role;
use domain::training::{Audience, ModuleKind, Standing, starter::starter_set};

use crate::refusals::assert_refused;
use crate::support::harness;
use crate::{count, published_pair, texts};

/// `save_training_module`'s arguments for a new module of `kind` in `program`, for `audience`.
fn new_module(program: &str, kind: &str, audience: &str) -> SaveTrainingModule {
    SaveTrainingModule {
        program: program.to_owned(),
        key: String::new(),
        title_es: "Módulo de prueba".to_owned(),
        title_en: "Test module".to_owned(),
        body_es: "## Hola\n\nTexto.".to_owned(),
        body_en: "## Hello\n\nText.".to_owned(),
        kind: kind.to_owned(),
        url: String::new(),
        minutes: "5".to_owned(),
        audience: audience.to_owned(),
        required: Checkbox(true),
        items_es: String::new(),
        items_en: String::new(),
        questions_es: String::new(),
        questions_en: String::new(),
        pass_percent: "75".to_owned(),
        submission: String::new(),
    }
}

/// A quiz try choosing `choices[i]` for question `i`.
fn quiz(module: &str, choices: &[usize]) -> SubmitTrainingQuiz {
    SubmitTrainingQuiz {
        module: module.to_owned(),
        answers: Some(
            choices
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("q{i}"), c.to_string()))
                .collect::<BTreeMap<_, _>>(),
        ),
    }
}

#[tokio::test]
async fn hr_builds_training_and_participants_of_the_program_take_it() {
    let h = harness().await;
    let p = published_pair(&h).await;
    let modules = |cookie: String| {
        let h = &h;
        let program = p.program.clone();
        async move { h.send_ok(&cookie, &TrainingModules { program }).await }
    };

    // The starter set, once: a second click adds nothing.
    let starter = AddStarterTraining {
        program: p.program.clone(),
    };
    assert_eq!(h.send_ok(&p.pm, &starter).await, 5);
    assert_eq!(h.send_ok(&p.pm, &starter).await, 0);
    let list = modules(p.pm.clone()).await;
    let kinds: Vec<ModuleKind> = list.iter().map(|m| m.kind).collect();
    let set = starter_set();
    assert_eq!(kinds, set.iter().map(|m| m.kind).collect::<Vec<_>>());

    // A module for mentors only: the mentor has it, the mentee (James) does not.
    let mut only = new_module(&p.program, "reading", "mentors");
    only.required = Checkbox(false);
    h.send_ok(&p.pm, &only).await;
    let mentee = h.send_ok(&p.mentee, &MyTraining {}).await;
    let mentor = h.send_ok(&p.mentor, &MyTraining {}).await;
    assert_eq!((mentee.total, mentor.total), (5, 6));
    assert_eq!((mentee.required_total, mentee.done, mentee.percent), (4, 0, 0));
    // Required modules come first.
    assert!(
        mentor.modules.iter().rev().take(2).all(|m| !m.required),
        "{mentor:?}"
    );

    // Reading: marked done once (a repeat keeps it done).
    let reading = &list[0].key;
    for _ in 0..2 {
        let r = h
            .send(
                &p.mentee,
                &CompleteTrainingModule {
                    module: reading.clone(),
                },
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let view = h
        .send_ok(
            &p.mentee,
            &TrainingModule {
                module: reading.clone(),
            },
        )
        .await;
    assert!(view.done && !view.preview);
    assert!(view.body_html.contains("<h2>"), "{}", view.body_html);

    // Checklist: done only when every item is ticked; unticking one undoes it.
    let checklist = &list[1].key;
    let items = set[1].items.len();
    for item in 0..items {
        let tick = TickTrainingItem {
            module: checklist.clone(),
            item,
            on: Checkbox(true),
        };
        let v = h.send(&p.mentee, &tick).await;
        assert_eq!(v.status, StatusCode::OK, "{}", v.body);
    }
    let view = h
        .send_ok(
            &p.mentee,
            &TrainingModule {
                module: checklist.clone(),
            },
        )
        .await;
    assert!(view.done && view.items.iter().all(|i| i.ticked), "{view:?}");
    let untick = TickTrainingItem {
        module: checklist.clone(),
        item: 0,
        on: Checkbox(false),
    };
    h.send(&p.mentee, &untick).await;
    let view = h
        .send_ok(
            &p.mentee,
            &TrainingModule {
                module: checklist.clone(),
            },
        )
        .await;
    assert!(!view.done && !view.items[0].ticked);
    let past_end = TickTrainingItem {
        module: checklist.clone(),
        item: items,
        on: Checkbox(true),
    };
    assert_eq!(h.send(&p.mentee, &past_end).await.status, StatusCode::BAD_REQUEST);

    // Quiz: a failed try names the wrong questions; a passed one completes the module, and a
    // later failed try does not undo it.
    let q = &list[2].key;
    let right: Vec<usize> = set[2].questions.iter().map(|q| q.correct).collect();
    let wrong: Vec<usize> = right.iter().map(|c| (c + 1) % 3).collect();
    let fail = h.send_ok(&p.mentee, &quiz(q, &wrong)).await;
    assert!(!fail.passed);
    assert_eq!(fail.wrong, (0..right.len()).collect::<Vec<_>>());
    assert_eq!(fail.percent, 0);
    let pass = h.send_ok(&p.mentee, &quiz(q, &right)).await;
    assert!(pass.passed && pass.wrong.is_empty() && pass.percent == 100);
    h.send_ok(&p.mentee, &quiz(q, &wrong)).await;
    let view = h.send_ok(&p.mentee, &TrainingModule { module: q.clone() }).await;
    assert_eq!(
        (view.done, view.attempts, view.best_percent),
        (true, 3, Some(100))
    );
    // The right answers never travel to the browser.
    assert!(!serde_json::to_string(&view).unwrap().contains("correct"));

    // Steps of another kind are refused.
    let r = h
        .send(&p.mentee, &CompleteTrainingModule { module: q.clone() })
        .await;
    assert_eq!(
        (r.status, r.json_kind().as_str()),
        (StatusCode::CONFLICT, "training_kind")
    );

    let mine = h.send_ok(&p.mentee, &MyTraining {}).await;
    assert_eq!((mine.done, mine.required_done, mine.percent), (2, 2, 40));

    // HR's list counts completions; removing a completed module asks first.
    let list = modules(p.pm.clone()).await;
    assert_eq!(list[0].completions, 1);
    let remove = |confirm: bool| RemoveTrainingModule {
        module: list[0].key.clone(),
        confirm: Checkbox(confirm),
    };
    assert_eq!(
        h.send_ok(&p.pm, &remove(false)).await,
        RemoveOutcome::NeedsConfirmation(1)
    );
    assert_eq!(modules(p.pm.clone()).await.len(), 6);
    assert_eq!(h.send_ok(&p.pm, &remove(true)).await, RemoveOutcome::Removed);
    let after = modules(p.pm.clone()).await;
    assert_eq!(after.len(), 5);
    assert!(
        h.send(
            &p.mentee,
            &TrainingModule {
                module: list[0].key.clone()
            }
        )
        .await
        .status
            == StatusCode::NOT_FOUND
    );

    // Reorder: the last module moves to the top.
    let last = after[4].key.clone();
    h.send_ok(
        &p.pm,
        &MoveTrainingModule {
            module: last.clone(),
            to: 0,
        },
    )
    .await;
    let moved = modules(p.pm.clone()).await;
    assert_eq!(moved[0].key, last);
    assert_eq!(moved[1].key, after[0].key);
}

#[tokio::test]
async fn modules_are_refused_with_the_field_named() {
    let h = harness().await;
    let p = published_pair(&h).await;
    let mut link = new_module(&p.program, "link", "both");
    link.url = "javascript:alert(1)".to_owned();
    let r = h.send(&p.pm, &link).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        r.json_error(),
        ["invalid", "training.url", "url"].map(str::to_owned)
    );

    let mut quiz = new_module(&p.program, "quiz", "both");
    quiz.questions_es = "¿Qué?\n* a\n* b".to_owned();
    let r = h.send(&p.pm, &quiz).await;
    assert_eq!(
        r.json_error(),
        ["invalid", "training.question", "questions"].map(str::to_owned)
    );
    assert!(
        r.body.contains("*"),
        "the message says how to mark the right answer: {}",
        r.body
    );

    let mut minutes = new_module(&p.program, "reading", "both");
    minutes.minutes = "mucho".to_owned();
    let r = h.send(&p.pm, &minutes).await;
    assert_eq!(
        r.json_error(),
        ["invalid", "training.minutes", "minutes"].map(str::to_owned)
    );

    let mut checklist = new_module(&p.program, "checklist", "both");
    checklist.items_es = "uno\ndos".to_owned();
    checklist.items_en = "one".to_owned();
    let r = h.send(&p.pm, &checklist).await;
    assert_eq!(
        r.json_error(),
        ["invalid", "training.items", "items"].map(str::to_owned)
    );
    // Nothing was half-written.
    let list = h
        .send_ok(
            &p.pm,
            &TrainingModules {
                program: p.program.clone(),
            },
        )
        .await;
    assert!(list.is_empty(), "{list:?}");
}

#[tokio::test]
async fn training_is_the_owners_and_the_participants_only() {
    let h = harness().await;
    let p = published_pair(&h).await;
    h.send_ok(
        &p.pm,
        &AddStarterTraining {
            program: p.program.clone(),
        },
    )
    .await;
    let module = h
        .send_ok(
            &p.pm,
            &TrainingModules {
                program: p.program.clone(),
            },
        )
        .await[0]
        .key
        .clone();

    // Another program's manager: "not found" for everything of this program.
    let other_pm = h.sign_in_as(Role::ProgramManager).await;
    // What the refusals must not show: the program's module titles.
    let not_found = [
        "mentoría inversa",
        "Reverse mentoring",
        "Escucha activa",
        "Active listening",
    ];
    for r in [
        h.send(
            &other_pm,
            &TrainingModules {
                program: p.program.clone(),
            },
        )
        .await,
        h.send(
            &other_pm,
            &AddStarterTraining {
                program: p.program.clone(),
            },
        )
        .await,
        h.send(&other_pm, &new_module(&p.program, "reading", "both"))
            .await,
        h.send(
            &other_pm,
            &MoveTrainingModule {
                module: module.clone(),
                to: 1,
            },
        )
        .await,
        h.send(
            &other_pm,
            &RemoveTrainingModule {
                module: module.clone(),
                confirm: Checkbox(true),
            },
        )
        .await,
        h.send(
            &other_pm,
            &TrainingModule {
                module: module.clone(),
            },
        )
        .await,
    ] {
        assert_refused(&r, StatusCode::NOT_FOUND, &not_found);
    }

    // A participant of another program (or of none): not found, and nothing to take.
    let outsider = h.sign_in_as(Role::Participant).await;
    assert_refused(
        &h.send(
            &outsider,
            &TrainingModule {
                module: module.clone(),
            },
        )
        .await,
        StatusCode::NOT_FOUND,
        &not_found,
    );
    assert_refused(
        &h.send(
            &outsider,
            &CompleteTrainingModule {
                module: module.clone(),
            },
        )
        .await,
        StatusCode::NOT_FOUND,
        &not_found,
    );
    assert!(h.send_ok(&outsider, &MyTraining {}).await.modules.is_empty());

    // Participants cannot edit modules, even of their own program.
    let forbidden = not_found;
    assert_refused(
        &h.send(&p.mentee, &new_module(&p.program, "reading", "both"))
            .await,
        StatusCode::FORBIDDEN,
        &forbidden,
    );
    assert_refused(
        &h.send(
            &p.mentee,
            &RemoveTrainingModule {
                module: module.clone(),
                confirm: Checkbox(true),
            },
        )
        .await,
        StatusCode::FORBIDDEN,
        &forbidden,
    );

    // The owner previews a module without taking it.
    let preview = h.send_ok(&p.pm, &TrainingModule { module }).await;
    assert!(preview.preview && !preview.done);
}

#[tokio::test]
async fn matching_waits_for_required_training_unless_hr_waives_it() {
    use app::board::api::{LoadBoard, RunMatching};
    use app::training::gate::{SetTrainingRequired, TrainingRequired, WaiveTraining};

    let h = harness().await;
    let (pm, program) = crate::demo_board(&h).await;
    let board = h
        .send(
            &pm,
            &LoadBoard {
                program: program.clone(),
            },
        )
        .await
        .json();
    let (mentee, mentor) = crate::board_pairs(&board)[0].clone();
    h.send_ok(
        &pm,
        &AddStarterTraining {
            program: program.clone(),
        },
    )
    .await;
    let require = |on: bool| SetTrainingRequired {
        program: program.clone(),
        required: Checkbox(on),
    };
    let run = || RunMatching {
        program: program.clone(),
    };
    assert!(h.send_ok(&pm, &require(true)).await);
    assert!(
        h.send_ok(
            &pm,
            &TrainingRequired {
                program: program.clone()
            }
        )
        .await
    );

    // Nobody has completed the required modules: nobody is matched, and the board says why.
    assert_eq!(h.send_ok(&pm, &run()).await, 0);
    let board = h
        .send(
            &pm,
            &LoadBoard {
                program: program.clone(),
            },
        )
        .await
        .json();
    assert_eq!(board["rules"]["require_training"], true);
    let complete = |side: &str| -> Vec<bool> {
        board[side]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["training_complete"].as_bool().unwrap())
            .collect()
    };
    assert!(complete("mentees").iter().chain(&complete("mentors")).all(|c| !c));

    // HR waives it for the two people of a pair the engine made before: they are matched again.
    for employee in [&mentee, &mentor] {
        let waive = WaiveTraining {
            program: program.clone(),
            employee: employee.clone(),
        };
        let r = h.send(&pm, &waive).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    assert_eq!(h.send_ok(&pm, &run()).await, 1);
    let board = h
        .send(
            &pm,
            &LoadBoard {
                program: program.clone(),
            },
        )
        .await
        .json();
    assert_eq!(crate::board_pairs(&board), [(mentee.clone(), mentor.clone())]);
    let waived = crate::count(
        &h,
        "RETURN count(SELECT id FROM audit_event WHERE action = 'training.waive')",
    )
    .await;
    assert_eq!(waived, Some(2));

    // Only the program's owner may switch it or waive it.
    let other_pm = h.sign_in_as(Role::ProgramManager).await;
    let waive = WaiveTraining {
        program: program.clone(),
        employee: mentee.clone(),
    };
    assert_refused(&h.send(&other_pm, &waive).await, StatusCode::NOT_FOUND, &[]);
    assert_refused(
        &h.send(&other_pm, &require(false)).await,
        StatusCode::NOT_FOUND,
        &[],
    );
    let james = crate::demo_sign_in(&h, "james.wilson@inversa.example").await;
    assert_refused(&h.send(&james, &waive).await, StatusCode::FORBIDDEN, &[]);
    // Someone who does not take part in the program cannot be waived.
    let nobody = WaiveTraining {
        program: program.clone(),
        employee: "nobody".to_owned(),
    };
    assert_refused(&h.send(&pm, &nobody).await, StatusCode::NOT_FOUND, &[]);

    // Switched off, everyone is matched as before.
    assert!(!h.send_ok(&pm, &require(false)).await);
    assert_eq!(h.send_ok(&pm, &run()).await, 17);
}

/// `save_training_module`'s arguments for a required (or optional) reading for `audience`, titled
/// `es` / `en`.
fn reading(program: &str, audience: &str, required: bool, es: &str, en: &str) -> SaveTrainingModule {
    let mut m = new_module(program, "reading", audience);
    m.title_es = es.to_owned();
    m.title_en = en.to_owned();
    m.required = Checkbox(required);
    m
}

#[tokio::test]
async fn hr_follows_training_progress_and_reminds_those_who_have_not_finished() {
    let h = harness().await;
    let p = published_pair(&h).await;
    let progress = TrainingProgress {
        program: p.program.clone(),
    };
    let remind = RemindTraining {
        program: p.program.clone(),
    };
    let enrolled = |side: &str| {
        format!(
            "RETURN count(SELECT id FROM enrolled WHERE out = type::record('program', '{}')
                 AND status = 'active' AND {side})",
            p.program
        )
    };
    let people = usize::try_from(count(&h, &enrolled("true")).await.unwrap()).unwrap();
    let mentees = usize::try_from(count(&h, &enrolled("as_mentee")).await.unwrap()).unwrap();
    let mentors = usize::try_from(count(&h, &enrolled("as_mentor")).await.unwrap()).unwrap();
    let program_name = texts(
        &h,
        &format!(
            "SELECT VALUE name FROM program WHERE id = type::record('program', '{}')",
            p.program
        ),
    )
    .await
    .remove(0);

    // No required module yet: every participant, no columns, nothing to remind.
    h.send_ok(&p.pm, &reading(&p.program, "both", false, "Extra", "Extra"))
        .await;
    let empty = h.send_ok(&p.pm, &progress).await;
    assert!(empty.columns.is_empty());
    assert_eq!(empty.rows.len(), people);
    assert!(empty.rows.iter().all(|r| r.finished && r.standings.is_empty()));
    assert_eq!(h.send_ok(&p.pm, &remind).await, 0);

    for m in [
        reading(&p.program, "both", true, "Bienvenida", "Welcome"),
        reading(&p.program, "mentees", true, "Para mentees", "For mentees"),
        reading(&p.program, "mentors", true, "Para mentores", "For mentors"),
    ] {
        h.send_ok(&p.pm, &m).await;
    }
    let keys: Vec<String> = h
        .send_ok(
            &p.pm,
            &TrainingModules {
                program: p.program.clone(),
            },
        )
        .await
        .into_iter()
        .map(|m| m.key)
        .collect();
    // James (the mentee) finishes his side, and the optional module; his mentor does one of two.
    for k in [&keys[0], &keys[1], &keys[2]] {
        h.send_ok(&p.mentee, &CompleteTrainingModule { module: k.clone() })
            .await;
    }
    h.send_ok(
        &p.mentor,
        &CompleteTrainingModule {
            module: keys[1].clone(),
        },
    )
    .await;

    let grid = h.send_ok(&p.pm, &progress).await;
    assert_eq!(grid.program, program_name);
    let columns: Vec<(&str, &str, Audience, usize, usize)> = grid
        .columns
        .iter()
        .map(|c| (c.key.as_str(), c.title.as_str(), c.audience, c.done, c.expected))
        .collect();
    assert_eq!(
        columns,
        [
            (keys[1].as_str(), "Welcome", Audience::Both, 2, people),
            (keys[2].as_str(), "For mentees", Audience::Mentees, 1, mentees),
            (keys[3].as_str(), "For mentors", Audience::Mentors, 0, mentors),
        ]
    );
    assert_eq!(grid.rows.len(), people);
    let row = |name: &str| {
        grid.rows
            .iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("{name} in {grid:?}"))
            .clone()
    };
    let james = row("James Wilson");
    assert_eq!(
        (
            james.as_mentor,
            james.as_mentee,
            &james.standings[..],
            james.left,
            james.finished
        ),
        (
            false,
            true,
            &[Standing::Done, Standing::Done, Standing::NotForThem][..],
            0,
            true
        )
    );
    let mentor_name = h.send_ok(&p.mentee, &app::board::api::MyPairs {}).await[0]
        .other_name
        .clone();
    let mentor = row(&mentor_name);
    assert_eq!(
        (
            mentor.as_mentor,
            mentor.as_mentee,
            &mentor.standings[..],
            mentor.left,
            mentor.finished
        ),
        (
            true,
            false,
            &[Standing::Done, Standing::NotForThem, Standing::NotDone][..],
            1,
            false
        )
    );
    // By name, and nobody else has done anything.
    let names: Vec<&str> = grid.rows.iter().map(|r| r.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    assert!(
        grid.rows
            .iter()
            .filter(|r| r.name != "James Wilson" && r.name != mentor_name)
            .all(|r| !r.finished && !r.standings.contains(&Standing::Done))
    );
    assert_eq!(
        (grid.finished, grid.done, grid.expected),
        (1, 3, people + mentees + mentors)
    );
    // Titles in the asker's language.
    let es = h.send_with(Some(&p.pm), "es", &progress).await;
    assert!(
        es.body.contains("Bienvenida") && !es.body.contains("Welcome"),
        "{}",
        es.body
    );

    // Everyone but James is reminded; a second click reminds nobody.
    let reminded = h.send_ok(&p.pm, &remind).await;
    assert_eq!(reminded, people - 1);
    assert_eq!(h.send_ok(&p.pm, &remind).await, 0);
    assert_eq!(
        count(
            &h,
            "RETURN count(SELECT id FROM outbox_email WHERE kind = 'training_reminder')"
        )
        .await,
        Some(i64::try_from(people - 1).unwrap())
    );
    // Each click is in the audit log, with the program.
    assert_eq!(
        texts(
            &h,
            "SELECT VALUE target FROM audit_event WHERE action = 'training.remind'"
        )
        .await,
        vec![format!("program:{}", p.program); 3]
    );
    // The notice reaches the mentor in words, in the language they read now, with the link.
    let told = h.send_ok(&p.mentor, &MyNotifications {}).await;
    let reminder = told
        .iter()
        .find(|n| n.kind == "training_reminder")
        .unwrap_or_else(|| panic!("{told:?}"));
    assert_eq!(
        reminder.text,
        format!("Reminder: you have 1 required training module left in {program_name}")
    );
    assert_eq!(reminder.link.as_deref(), Some("/training"));
    let es = h.send_with(Some(&p.mentor), "es", &MyNotifications {}).await;
    assert!(
        es.body.contains(&format!(
            "Recordatorio: te queda 1 módulo obligatorio de formación en {program_name}"
        )),
        "{}",
        es.body
    );
    // James has finished: nothing for him.
    let his = h.send_ok(&p.mentee, &MyNotifications {}).await;
    assert!(his.iter().all(|n| n.kind != "training_reminder"), "{his:?}");

    // Without JavaScript: the form post returns to the page, which says nobody was left today.
    let r = h
        .post_plain("/api/remind_training", &format!("program={}", p.program), &p.pm)
        .await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    let back = format!("/programs/{}/training/progress?reminded=0", p.program);
    assert_eq!(r.headers[header::LOCATION], back.as_str());
    let page = h.get(&back, Some(&p.pm)).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Nadie a quien recordar hoy",
        "id=\"training-grid\"",
        "<caption",
        "scope=\"row\"",
        "James Wilson",
        "Para mentores",
        "No le corresponde",
    ] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    // The program's training page links to it.
    let list = h
        .get(&format!("/programs/{}/training", p.program), Some(&p.pm))
        .await;
    assert!(
        list.body
            .contains(&format!("/programs/{}/training/progress", p.program))
    );
}

#[tokio::test]
async fn training_progress_is_the_owners_only() {
    let h = harness().await;
    let p = published_pair(&h).await;
    h.send_ok(&p.pm, &reading(&p.program, "both", true, "Bienvenida", "Welcome"))
        .await;
    let progress = TrainingProgress {
        program: p.program.clone(),
    };
    let remind = RemindTraining {
        program: p.program.clone(),
    };
    // What the refusals must not show: the people and the modules.
    let protected = ["James Wilson", "Welcome", "Bienvenida"];
    let other_pm = h.sign_in_as(Role::ProgramManager).await;
    for r in [
        h.send(&other_pm, &progress).await,
        h.send(&other_pm, &remind).await,
    ] {
        assert_refused(&r, StatusCode::NOT_FOUND, &protected);
    }
    for r in [
        h.send(&p.mentee, &progress).await,
        h.send(&p.mentee, &remind).await,
    ] {
        assert_refused(&r, StatusCode::FORBIDDEN, &protected);
    }
    // Nobody was reminded by the refused calls.
    assert_eq!(
        count(
            &h,
            "RETURN count(SELECT id FROM outbox_email WHERE kind = 'training_reminder')"
        )
        .await,
        Some(0)
    );
    // A program that does not exist: the same "not found".
    assert_refused(
        &h.send(
            &p.pm,
            &RemindTraining {
                program: "nosuchprogram".to_owned(),
            },
        )
        .await,
        StatusCode::NOT_FOUND,
        &protected,
    );
}

#[tokio::test]
async fn hr_copies_a_module_from_another_of_their_programs() {
    use app::training::copy::{CopyTrainingModule, CopyableTrainingModules};

    let h = harness().await;
    let p = published_pair(&h).await;
    h.send_ok(
        &p.pm,
        &AddStarterTraining {
            program: p.program.clone(),
        },
    )
    .await;
    let other = h.create_program(&p.pm).await;
    // The other program offers the five modules of the first one.
    let offer = h
        .send_ok(
            &p.pm,
            &CopyableTrainingModules {
                program: other.clone(),
            },
        )
        .await;
    assert_eq!(offer.len(), 5, "{offer:?}");
    assert!(
        offer[2]
            .1
            .ends_with("Giving feedback upwards and receiving it from someone more junior"),
        "{offer:?}"
    );
    let copy = CopyTrainingModule {
        program: other.clone(),
        module: offer[2].0.clone(),
    };
    let r = h.send(&p.pm, &copy).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let copied = h
        .send_ok(
            &p.pm,
            &TrainingModules {
                program: other.clone(),
            },
        )
        .await;
    assert_eq!(copied.len(), 1);
    assert_eq!((copied[0].kind, copied[0].completions), (ModuleKind::Quiz, 0));
    assert_ne!(copied[0].key, offer[2].0, "a copy, not the same module");

    // Another manager can neither list nor copy them.
    let other_pm = h.sign_in_as(Role::ProgramManager).await;
    let theirs = h.create_program(&other_pm).await;
    assert!(
        h.send_ok(
            &other_pm,
            &CopyableTrainingModules {
                program: theirs.clone()
            }
        )
        .await
        .is_empty()
    );
    let steal = CopyTrainingModule {
        program: theirs,
        module: offer[0].0.clone(),
    };
    assert_refused(
        &h.send(&other_pm, &steal).await,
        StatusCode::NOT_FOUND,
        &["Reverse mentoring"],
    );
}

#[tokio::test]
async fn a_closed_programs_training_is_read_only() {
    use app::programs::api::ChangeProgramStatus;
    use app::training::gate::SetTrainingRequired;
    use app::training::progress::RemindTraining;
    use domain::ProgramStatus;

    let h = harness().await;
    let p = published_pair(&h).await;
    h.send_ok(
        &p.pm,
        &AddStarterTraining {
            program: p.program.clone(),
        },
    )
    .await;
    let close = ChangeProgramStatus {
        key: p.program.clone(),
        to: ProgramStatus::Closed,
        confirm: true,
    };
    assert_eq!(h.send_ok(&p.pm, &close).await, ProgramStatus::Closed);
    let closed = |r: crate::support::Reply| {
        assert_eq!(
            (r.status, r.json_kind()),
            (StatusCode::CONFLICT, "program_closed".to_owned()),
            "{}",
            r.body
        );
    };
    closed(h.send(&p.pm, &new_module(&p.program, "reading", "both")).await);
    closed(
        h.send(
            &p.pm,
            &AddStarterTraining {
                program: p.program.clone(),
            },
        )
        .await,
    );
    closed(
        h.send(
            &p.pm,
            &RemindTraining {
                program: p.program.clone(),
            },
        )
        .await,
    );
    closed(
        h.send(
            &p.pm,
            &SetTrainingRequired {
                program: p.program.clone(),
                required: Checkbox(true),
            },
        )
        .await,
    );
    let module = h
        .send_ok(
            &p.pm,
            &TrainingModules {
                program: p.program.clone(),
            },
        )
        .await[0]
        .key
        .clone();
    closed(
        h.send(
            &p.pm,
            &RemoveTrainingModule {
                module,
                confirm: Checkbox(true),
            },
        )
        .await,
    );
    // HR still reads it.
    assert_eq!(
        h.send_ok(
            &p.pm,
            &TrainingModules {
                program: p.program.clone()
            }
        )
        .await
        .len(),
        5
    );
}
