//! A pair's goals, milestones and comments: only the pair's two people read and write them.

use app::workspace::goals::{
    AcceptAgreement, AddComment, AddMilestone, CreateGoal, DeleteGoal, EditGoal, PairWorkspace,
    ToggleMilestone, UpdateGoal,
};
use app::workspace::model::WorkspaceView;
use axum::http::StatusCode;

use crate::refusals::{assert_refused, assert_refused_as};
use crate::support::{Reply, harness};
use crate::{Published, published_pair};

fn create_goal(pair: &str, title: &str, description: &str) -> CreateGoal {
    CreateGoal {
        pair: pair.to_owned(),
        title: title.to_owned(),
        description: description.to_owned(),
        submission: String::new(),
    }
}

fn update_goal(goal: &str, status: &str, progress: i32) -> UpdateGoal {
    UpdateGoal {
        goal: goal.to_owned(),
        status: status.to_owned(),
        progress,
    }
}

fn edit_goal(goal: &str, title: &str) -> EditGoal {
    EditGoal {
        goal: goal.to_owned(),
        title: title.to_owned(),
        description: String::new(),
    }
}

fn add_milestone(goal: &str, title: &str) -> AddMilestone {
    AddMilestone {
        goal: goal.to_owned(),
        title: title.to_owned(),
        submission: String::new(),
    }
}

fn add_comment(goal: &str, body: &str) -> AddComment {
    AddComment {
        goal: goal.to_owned(),
        body: body.to_owned(),
        submission: String::new(),
    }
}

#[tokio::test]
async fn only_the_two_people_of_a_pair_read_and_write_its_goals() {
    let h = harness().await;
    let Published {
        pair,
        mentee: james,
        mentor,
        pm,
        ..
    } = published_pair(&h).await;
    let workspace = async |cookie: Option<&str>| {
        h.send_with(cookie, "en", &PairWorkspace { pair: pair.clone() })
            .await
    };
    let view = async |cookie: &str| -> WorkspaceView { workspace(Some(cookie)).await.parse() };
    let agree = AcceptAgreement { pair: pair.clone() };

    // The mentee opens the empty workspace and sets a goal: what the mentee learns.
    let r = workspace(Some(&james)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let ws: WorkspaceView = r.parse();
    assert!(!ws.i_mentor && ws.goals.is_empty());
    // He accepts the program agreement once (demo people were enrolled without it).
    assert!(!ws.i_agreed);
    for _ in 0..2 {
        let r = h.send(&james, &agree).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let ws = view(&james).await;
    assert!(ws.i_agreed);
    let ana = h.sign_in("ana@example.com").await;
    let r = h.send(&ana, &agree).await;
    assert_refused(&r, StatusCode::NOT_FOUND, &["james.wilson", "James Wilson"]);
    assert_eq!(ws.mentee.email, "james.wilson@inversa.example");
    let goal: String = h
        .send_ok(&james, &create_goal(&pair, "Use AI to draft reports", ""))
        .await;

    // The mentor sets their own goal, moves the mentee's on, and both see the same.
    let r = h
        .send(&mentor, &create_goal(&pair, "Negotiate budgets", "With finance"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = h.send(&mentor, &update_goal(&goal, "open", 50)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let milestone: String = h.send(&james, &add_milestone(&goal, "First draft")).await.parse();
    let tick = ToggleMilestone {
        milestone: milestone.clone(),
        done: true,
    };
    let r = h.send(&mentor, &tick).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = h.send(&mentor, &add_comment(&goal, "Nice start")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let ws = view(&james).await;
    assert_eq!(ws.goals.len(), 2);
    let g = ws.goals.iter().find(|g| g.key == goal).unwrap();
    assert_eq!(g.direction, domain::Direction::MenteeLearns);
    assert!(g.mine);
    assert_eq!((g.status, g.progress), (domain::GoalStatus::Open, 50));
    assert!(g.milestones[0].done);
    assert_eq!(g.comments[0].body, "Nice start");
    let other = ws.goals.iter().find(|g| g.key != goal).unwrap();
    assert_eq!(other.direction, domain::Direction::MentorLearns);
    assert!(!other.mine);

    // Only the owner changes a goal's text or deletes it.
    let r = h.send(&mentor, &edit_goal(&goal, "Mine now")).await;
    assert_refused_as(&r, StatusCode::FORBIDDEN, "goal_not_owner", &[]);
    let delete = DeleteGoal { goal: goal.clone() };
    let r = h.send(&mentor, &delete).await;
    assert_refused_as(&r, StatusCode::FORBIDDEN, "goal_not_owner", &[]);

    // Invalid input is refused with a message naming what is wrong.
    let invalid = [
        (
            h.send(&james, &create_goal(&pair, " ", "")).await,
            "Enter a title",
            ["goal.title", "title"],
        ),
        (
            h.send(&james, &update_goal(&goal, "open", 150)).await,
            "between 0 and 100",
            ["goal.progress", "progress"],
        ),
        (
            h.send(&james, &update_goal(&goal, "done", 10)).await,
            "Choose a status",
            ["goal.status", "status"],
        ),
        (
            h.send(&james, &add_milestone(&goal, "")).await,
            "Enter a title",
            ["goal.title", "title"],
        ),
        (
            h.send(&james, &add_comment(&goal, "  ")).await,
            "Write a comment",
            ["goal.comment", "body"],
        ),
    ];
    for (r, text, [problem, field]) in invalid {
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{text}: {}", r.body);
        assert!(r.body.contains(text), "{text}: {}", r.body);
        assert_eq!(r.json_error(), ["invalid", problem, field], "{text}: {}", r.body);
    }
    let r = h.send_with(Some(&james), "es", &add_comment(&goal, "  ")).await;
    assert!(r.body.contains("Escribe un comentario"), "{}", r.body);

    // Anyone outside the pair — another participant, the program's HR manager, an admin — gets
    // "not found" for reads and writes alike; anonymous visitors are asked to sign in.
    let admin = h.sign_in("admin@example.com").await;
    let protected = [
        "Use AI to draft reports",
        "Nice start",
        "james.wilson",
        "James Wilson",
    ];
    // Every write to the pair's goals, as `cookie`.
    let writes = async |cookie: &str| -> [Reply; 7] {
        let untick = ToggleMilestone {
            milestone: milestone.clone(),
            done: false,
        };
        [
            h.send(cookie, &create_goal(&pair, "Spy", "")).await,
            h.send(cookie, &update_goal(&goal, "dropped", 0)).await,
            h.send(cookie, &edit_goal(&goal, "Spy")).await,
            h.send(cookie, &delete).await,
            h.send(cookie, &add_milestone(&goal, "Spy")).await,
            h.send(cookie, &untick).await,
            h.send(cookie, &add_comment(&goal, "Spy")).await,
        ]
    };
    for cookie in [&ana, &pm, &admin] {
        assert_refused(&workspace(Some(cookie)).await, StatusCode::NOT_FOUND, &protected);
        for r in writes(cookie).await {
            assert_refused(&r, StatusCode::NOT_FOUND, &protected);
        }
    }
    assert_refused(&workspace(None).await, StatusCode::UNAUTHORIZED, &protected);
    let r = h.send_with(None, "en", &add_comment(&goal, "Hi")).await;
    assert_refused(&r, StatusCode::UNAUTHORIZED, &protected);
    let nowhere = PairWorkspace {
        pair: "no-such-pair".into(),
    };
    let r = h.send(&james, &nowhere).await;
    assert_refused(&r, StatusCode::NOT_FOUND, &protected);

    // Nothing the outsiders sent changed the pair's goals.
    let ws = view(&mentor).await;
    let g = ws.goals.iter().find(|g| g.key == goal).unwrap();
    assert_eq!((g.title.as_str(), g.progress), ("Use AI to draft reports", 50));
    assert_eq!((g.milestones.len(), g.comments.len()), (1, 1));
    assert!(g.milestones[0].done);

    // The owner deletes their goal.
    let r = h.send(&james, &delete).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(view(&james).await.goals.len(), 1);
}
