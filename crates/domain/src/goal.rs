//! Goals of a pair: what each side wants to learn from the other, with milestones, progress and
//! comments. Reverse mentoring teaches both ways, so every pair has goals in both directions.

use serde::{Deserialize, Serialize};

/// Longest goal or milestone title, in characters.
pub const MAX_TITLE: usize = 160;
/// Longest goal description, in characters.
pub const MAX_DESCRIPTION: usize = 2000;
/// Longest comment, in characters.
pub const MAX_COMMENT: usize = 2000;

/// Who learns in a goal. A goal's direction follows its owner's side of the pair: the mentee's
/// goals are what the mentee learns, the mentor's what the mentor learns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The (senior) mentee learns from the (junior) mentor.
    MenteeLearns,
    /// The mentor learns from the mentee.
    MentorLearns,
}

impl Direction {
    /// The direction of goals set by someone on the mentor side (`true`) or mentee side.
    pub fn of_side(is_mentor: bool) -> Direction {
        if is_mentor {
            Direction::MentorLearns
        } else {
            Direction::MenteeLearns
        }
    }

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::MenteeLearns => "mentee_learns",
            Direction::MentorLearns => "mentor_learns",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<Direction> {
        [Direction::MenteeLearns, Direction::MentorLearns]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    /// Being worked on.
    Open,
    /// Reached.
    Achieved,
    /// Given up (kept for the record).
    Dropped,
}

impl GoalStatus {
    /// Every status, in the order a form lists them.
    pub const ALL: [GoalStatus; 3] = [GoalStatus::Open, GoalStatus::Achieved, GoalStatus::Dropped];

    /// The stable name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            GoalStatus::Open => "open",
            GoalStatus::Achieved => "achieved",
            GoalStatus::Dropped => "dropped",
        }
    }

    /// Parses the stored name; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<GoalStatus> {
        GoalStatus::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// Why goal input was refused; each names the field to point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum GoalError {
    /// The title is empty or longer than [`MAX_TITLE`].
    #[error("the title must have 1 to 160 characters")]
    Title,
    /// The description is longer than [`MAX_DESCRIPTION`].
    #[error("the description is too long")]
    Description,
    /// Progress outside 0–100.
    #[error("progress must be between 0 and 100")]
    Progress,
    /// Not one of open, achieved, dropped.
    #[error("unknown goal status")]
    Status,
    /// The comment is empty or longer than [`MAX_COMMENT`].
    #[error("the comment must have 1 to 2000 characters")]
    Comment,
}

impl GoalError {
    /// The form field to point at.
    pub fn field(self) -> &'static str {
        match self {
            GoalError::Title => "title",
            GoalError::Description => "description",
            GoalError::Progress => "progress",
            GoalError::Status => "status",
            GoalError::Comment => "body",
        }
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A goal or milestone title, trimmed: 1 to [`MAX_TITLE`] characters.
pub fn validate_title(title: &str) -> Result<String, GoalError> {
    let t = title.trim();
    if t.is_empty() || chars(t) > MAX_TITLE {
        return Err(GoalError::Title);
    }
    Ok(t.to_owned())
}

/// A goal description, trimmed: may be empty, at most [`MAX_DESCRIPTION`] characters.
pub fn validate_description(description: &str) -> Result<String, GoalError> {
    let d = description.trim();
    if chars(d) > MAX_DESCRIPTION {
        return Err(GoalError::Description);
    }
    Ok(d.to_owned())
}

/// A comment, trimmed: 1 to [`MAX_COMMENT`] characters.
pub fn validate_comment(body: &str) -> Result<String, GoalError> {
    let b = body.trim();
    if b.is_empty() || chars(b) > MAX_COMMENT {
        return Err(GoalError::Comment);
    }
    Ok(b.to_owned())
}

/// A new goal as typed: title and description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGoal {
    /// Trimmed title.
    pub title: String,
    /// Trimmed description (may be empty).
    pub description: String,
}

/// Checks a new goal.
pub fn validate_new_goal(title: &str, description: &str) -> Result<NewGoal, GoalError> {
    Ok(NewGoal {
        title: validate_title(title)?,
        description: validate_description(description)?,
    })
}

/// A change of a goal's standing: status and progress (percent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoalProgress {
    /// New status.
    pub status: GoalStatus,
    /// New progress, 0–100.
    pub progress: i32,
}

/// Checks a status and progress as a form sends them. Marking a goal achieved sets it to 100 %.
pub fn validate_progress(status: &str, progress: i32) -> Result<GoalProgress, GoalError> {
    let status = GoalStatus::parse(status.trim()).ok_or(GoalError::Status)?;
    if !(0..=100).contains(&progress) {
        return Err(GoalError::Progress);
    }
    let progress = if status == GoalStatus::Achieved {
        100
    } else {
        progress
    };
    Ok(GoalProgress { status, progress })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(validate_title("  Learn Copilot "), Ok("Learn Copilot".into()));
        assert_eq!(validate_title("   "), Err(GoalError::Title));
        assert_eq!(
            validate_title(&"ñ".repeat(160)).map(|t| t.chars().count()),
            Ok(160)
        );
        assert_eq!(validate_title(&"ñ".repeat(161)), Err(GoalError::Title));
    }

    #[test]
    fn each_error_names_its_field() {
        assert_eq!(GoalError::Title.field(), "title");
        assert_eq!(GoalError::Description.field(), "description");
        assert_eq!(GoalError::Progress.field(), "progress");
        assert_eq!(GoalError::Status.field(), "status");
        assert_eq!(
            GoalError::Comment.field(),
            "body",
            "a comment's text is posted as `body`"
        );
    }

    #[test]
    fn descriptions_may_be_empty_but_not_too_long() {
        assert_eq!(validate_description(""), Ok(String::new()));
        assert!(validate_description(&"a".repeat(2000)).is_ok());
        assert_eq!(
            validate_description(&"a".repeat(2001)),
            Err(GoalError::Description)
        );
        assert_eq!(
            validate_new_goal("", "fine"),
            Err(GoalError::Title),
            "the title is checked first"
        );
    }

    #[test]
    fn progress_and_status_are_checked() {
        assert_eq!(
            validate_progress("open", 40),
            Ok(GoalProgress {
                status: GoalStatus::Open,
                progress: 40
            })
        );
        assert_eq!(validate_progress("open", -1), Err(GoalError::Progress));
        assert_eq!(validate_progress("open", 101), Err(GoalError::Progress));
        assert_eq!(validate_progress("finished", 10), Err(GoalError::Status));
        assert_eq!(validate_progress("achieved", 30).map(|p| p.progress), Ok(100));
        assert_eq!(validate_progress("dropped", 30).map(|p| p.progress), Ok(30));
    }

    #[test]
    fn comments_are_bounded() {
        assert_eq!(validate_comment(" ok "), Ok("ok".into()));
        assert_eq!(validate_comment("\n"), Err(GoalError::Comment));
        assert!(validate_comment(&"x".repeat(2000)).is_ok());
        assert_eq!(validate_comment(&"x".repeat(2001)), Err(GoalError::Comment));
    }

    #[test]
    fn names_round_trip_and_direction_follows_the_side() {
        for s in GoalStatus::ALL {
            assert_eq!(GoalStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(Direction::of_side(true), Direction::MentorLearns);
        assert_eq!(Direction::of_side(false).as_str(), "mentee_learns");
        assert_eq!(Direction::parse("mentor_learns"), Some(Direction::MentorLearns));
        assert_eq!(Direction::parse("x"), None);
    }
}
