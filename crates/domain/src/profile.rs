//! A participant's profile and enrolment, as they fill it in when joining a program.
//!
//! The form arrives as text ([`ProfileForm`], exactly what the browser posts); [`ProfileForm::validate`]
//! turns it into a [`ValidProfile`] or says which field is wrong ([`ProfileError`]). Whether the
//! topics belong to the program, the manager exists and the time zone is a real one is checked by
//! the server, which knows those lists.

use serde::{Deserialize, Serialize};

use crate::account::{normalize_email, validate_email};
use crate::import::ProgramRole;
use crate::program::Date;

/// Weekly time slots a person can offer: weekday and morning or afternoon.
pub const SLOTS: [&str; 10] = [
    "mon_am", "mon_pm", "tue_am", "tue_pm", "wed_am", "wed_pm", "thu_am", "thu_pm", "fri_am", "fri_pm",
];

/// Generation bands offered when the start date is not given.
pub const GENERATIONS: [&str; 4] = ["boomer", "gen_x", "millennial", "gen_z"];

/// Languages offered on the form (others may be typed by HR in the employee file).
pub const LANGUAGES: [&str; 6] = ["es", "en", "ca", "eu", "gl", "pt"];

/// Longest free-text field (department, location), in characters.
pub const MAX_TEXT_CHARS: usize = 120;
/// Most entries in one list (topics, interests).
pub const MAX_ITEMS: usize = 30;
/// Longest interest, in characters.
pub const MAX_INTEREST_CHARS: usize = 40;

/// The profile form as posted: every field text (or a list of checked boxes), all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    /// `mentor`, `mentee` or `both`.
    pub role: String,
    /// Department.
    pub department: String,
    /// Job level 1–20 (higher is more senior).
    pub job_level: String,
    /// The manager's work email.
    pub manager_email: String,
    /// Start date in the company, `YYYY-MM-DD`.
    pub company_start: String,
    /// Generation band (one of [`GENERATIONS`]), for those who prefer not to give a date.
    pub generation: String,
    /// Language codes spoken.
    pub languages: Vec<String>,
    /// IANA time zone, such as `Europe/Madrid`.
    pub time_zone: String,
    /// Office or city.
    pub location: String,
    /// Free slots (from [`SLOTS`]).
    pub availability: Vec<String>,
    /// Topic keys the person can teach.
    pub can_teach: Vec<String>,
    /// Topic keys the person wants to learn.
    pub wants_to_learn: Vec<String>,
    /// Interests, separated by commas.
    pub interests: String,
    /// How many mentees a mentor takes (0–10).
    pub capacity: String,
    /// The agreement checkbox (`on` when ticked).
    pub agree: Option<String>,
}

/// A checked profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidProfile {
    /// Role in the program.
    pub role: ProgramRole,
    /// Department.
    pub department: Option<String>,
    /// Job level 1–20.
    pub job_level: Option<i32>,
    /// Manager's email, normalised.
    pub manager_email: Option<String>,
    /// Start date in the company.
    pub company_start: Option<Date>,
    /// Generation band.
    pub generation: Option<String>,
    /// Languages, lower-case codes, at least one.
    pub languages: Vec<String>,
    /// IANA time zone (shape checked here; existence by the server).
    pub time_zone: String,
    /// Office or city.
    pub location: Option<String>,
    /// Free slots.
    pub availability: Vec<String>,
    /// Topic keys to teach.
    pub can_teach: Vec<String>,
    /// Topic keys to learn.
    pub wants_to_learn: Vec<String>,
    /// Interests, lower-cased.
    pub interests: Vec<String>,
    /// Mentees taken as a mentor.
    pub capacity: i32,
}

/// What is wrong with a profile form; each names its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum ProfileError {
    /// No role, or not mentor/mentee/both.
    #[error("choose mentor, mentee or both")]
    Role,
    /// A text is too long.
    #[error("the text is too long")]
    TextTooLong,
    /// Job level not a whole number 1–20.
    #[error("job level must be 1–20")]
    JobLevel,
    /// Manager email malformed.
    #[error("the manager's email is not valid")]
    ManagerEmail,
    /// The manager email is not an employee of the organisation (server check).
    #[error("no employee has that email")]
    UnknownManager,
    /// The manager email is the person's own.
    #[error("you cannot be your own manager")]
    SelfManager,
    /// Start date malformed or in the future.
    #[error("the start date is not a valid past date")]
    StartDate,
    /// Generation not one of the bands.
    #[error("unknown generation")]
    Generation,
    /// No language, or a malformed code.
    #[error("choose at least one language")]
    Languages,
    /// Time zone missing or not a real IANA name.
    #[error("unknown time zone")]
    TimeZone,
    /// A slot that is not in [`SLOTS`].
    #[error("unknown time slot")]
    Availability,
    /// A topic that is not in the program's catalogue, or too many.
    #[error("unknown topic")]
    Topics,
    /// A mentor or both needs something to teach; a mentee something to learn.
    #[error("choose at least one topic")]
    NoTopics,
    /// Too many or too long interests.
    #[error("too many or too long interests")]
    Interests,
    /// Capacity not a whole number 0–10 (at least 1 for mentors).
    #[error("capacity must be 1–10 for mentors")]
    Capacity,
    /// The agreement was not accepted.
    #[error("accept the program agreement")]
    Agreement,
}

impl ProfileError {
    /// The form field to point at.
    pub fn field(self) -> &'static str {
        match self {
            ProfileError::Role => "role",
            ProfileError::TextTooLong => "department",
            ProfileError::JobLevel => "job_level",
            ProfileError::ManagerEmail | ProfileError::UnknownManager | ProfileError::SelfManager => {
                "manager_email"
            }
            ProfileError::StartDate => "company_start",
            ProfileError::Generation => "generation",
            ProfileError::Languages => "languages",
            ProfileError::TimeZone => "time_zone",
            ProfileError::Availability => "availability",
            ProfileError::Topics | ProfileError::NoTopics => "can_teach",
            ProfileError::Interests => "interests",
            ProfileError::Capacity => "capacity",
            ProfileError::Agreement => "agree",
        }
    }
}

fn text(s: &str) -> Result<Option<String>, ProfileError> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > MAX_TEXT_CHARS {
        return Err(ProfileError::TextTooLong);
    }
    Ok((!t.is_empty()).then_some(t))
}

fn distinct(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items
        .iter()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
    {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Whether `zone` looks like an IANA name (`Area/City`, ASCII letters, `_`, `-`, `+`, digits), or
/// `UTC`.
pub fn is_time_zone_shape(zone: &str) -> bool {
    zone == "UTC"
        || (zone.contains('/')
            && zone.len() <= 40
            && !zone.starts_with('/')
            && !zone.ends_with('/')
            && zone
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+')))
}

/// The generation band (one of [`GENERATIONS`]) a free text names, as HR's files write it
/// ("Generación X", "Millennials", "gen_z", "Baby Boomer"…); `None` when it names none.
pub fn generation_band(text: &str) -> Option<&'static str> {
    let t: String = text
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    if t.contains("boomer") {
        Some("boomer")
    } else if t.contains("millennial") || (t.starts_with("gen") && t.ends_with('y')) {
        Some("millennial")
    } else if t.starts_with("gen") && t.ends_with('x') {
        Some("gen_x")
    } else if (t.starts_with("gen") && t.ends_with('z')) || t.starts_with("centennial") {
        Some("gen_z")
    } else {
        None
    }
}

/// Whether an enrolment needs nothing more from the person: something to teach when they
/// mentor, something to learn when they learn, and the program agreement accepted.
pub fn profile_complete(as_mentor: bool, as_mentee: bool, teaches: bool, learns: bool, agreed: bool) -> bool {
    (!as_mentor || teaches) && (!as_mentee || learns) && agreed
}

impl ProfileForm {
    /// The form with every field left blank (and every list left empty) taken from `stored`,
    /// what is already known about the person (HR's import or an earlier profile): leaving a
    /// field empty never erases a stored value, while anything typed or ticked replaces it. The
    /// agreement is never taken from `stored`: it is accepted on the form each time.
    pub fn or_stored(mut self, stored: &ProfileForm) -> ProfileForm {
        fn keep(value: &mut String, stored: &str) {
            if value.trim().is_empty() {
                stored.clone_into(value);
            }
        }
        fn keep_list(value: &mut Vec<String>, stored: &[String]) {
            if value.iter().all(|v| v.trim().is_empty()) {
                *value = stored.to_vec();
            }
        }
        keep(&mut self.role, &stored.role);
        keep(&mut self.department, &stored.department);
        keep(&mut self.job_level, &stored.job_level);
        keep(&mut self.manager_email, &stored.manager_email);
        keep(&mut self.company_start, &stored.company_start);
        keep(&mut self.generation, &stored.generation);
        keep_list(&mut self.languages, &stored.languages);
        keep(&mut self.time_zone, &stored.time_zone);
        keep(&mut self.location, &stored.location);
        keep_list(&mut self.availability, &stored.availability);
        keep_list(&mut self.can_teach, &stored.can_teach);
        keep_list(&mut self.wants_to_learn, &stored.wants_to_learn);
        keep(&mut self.interests, &stored.interests);
        keep(&mut self.capacity, &stored.capacity);
        self
    }

    /// Checks the form. `today` bounds the start date; `topics` are the program's topic keys;
    /// `own_email` is the person's (they cannot be their own manager).
    pub fn validate(
        &self,
        today: Date,
        topics: &[String],
        own_email: &str,
    ) -> Result<ValidProfile, ProfileError> {
        let role = match self.role.trim() {
            "mentor" => ProgramRole::Mentor,
            "mentee" => ProgramRole::Mentee,
            "both" => ProgramRole::Both,
            _ => return Err(ProfileError::Role),
        };
        let department = text(&self.department)?;
        let location = text(&self.location)?;
        let job_level = match self.job_level.trim() {
            "" => None,
            s => Some(
                s.parse::<i32>()
                    .ok()
                    .filter(|l| crate::import::JOB_LEVEL_RANGE.contains(l))
                    .ok_or(ProfileError::JobLevel)?,
            ),
        };
        let manager_email = match self.manager_email.trim() {
            "" => None,
            s => {
                let e = normalize_email(s);
                validate_email(&e).map_err(|_| ProfileError::ManagerEmail)?;
                if e == normalize_email(own_email) {
                    return Err(ProfileError::SelfManager);
                }
                Some(e)
            }
        };
        let company_start = match self.company_start.trim() {
            "" => None,
            s => Some(
                Date::parse(s)
                    .filter(|d| *d <= today)
                    .ok_or(ProfileError::StartDate)?,
            ),
        };
        let generation = match self.generation.trim() {
            "" => None,
            g if GENERATIONS.contains(&g) => Some(g.to_owned()),
            _ => return Err(ProfileError::Generation),
        };
        let languages = distinct(&self.languages);
        if languages.is_empty()
            || languages.len() > MAX_ITEMS
            || languages
                .iter()
                .any(|l| !(2..=3).contains(&l.len()) || !l.chars().all(|c| c.is_ascii_lowercase()))
        {
            return Err(ProfileError::Languages);
        }
        let time_zone = self.time_zone.trim().to_owned();
        if !is_time_zone_shape(&time_zone) {
            return Err(ProfileError::TimeZone);
        }
        let availability = distinct(&self.availability);
        if availability.iter().any(|s| !SLOTS.contains(&s.as_str())) {
            return Err(ProfileError::Availability);
        }
        let can_teach = distinct(&self.can_teach);
        let wants_to_learn = distinct(&self.wants_to_learn);
        for list in [&can_teach, &wants_to_learn] {
            if list.len() > MAX_ITEMS || list.iter().any(|t| !topics.contains(t)) {
                return Err(ProfileError::Topics);
            }
        }
        let teaches = matches!(role, ProgramRole::Mentor | ProgramRole::Both);
        let learns = matches!(role, ProgramRole::Mentee | ProgramRole::Both);
        if (teaches && can_teach.is_empty()) || (learns && wants_to_learn.is_empty()) {
            return Err(ProfileError::NoTopics);
        }
        let interests: Vec<String> = distinct(
            &self
                .interests
                .split([',', ';'])
                .map(str::to_owned)
                .collect::<Vec<_>>(),
        );
        if interests.len() > MAX_ITEMS || interests.iter().any(|i| i.chars().count() > MAX_INTEREST_CHARS) {
            return Err(ProfileError::Interests);
        }
        let capacity = match self.capacity.trim() {
            "" if teaches => 1,
            "" => 0,
            s => s
                .parse::<i32>()
                .ok()
                .filter(|c| crate::import::MENTOR_CAPACITY_RANGE.contains(c))
                .ok_or(ProfileError::Capacity)?,
        };
        if teaches && capacity < 1 {
            return Err(ProfileError::Capacity);
        }
        if self.agree.as_deref().is_none_or(str::is_empty) {
            return Err(ProfileError::Agreement);
        }
        Ok(ValidProfile {
            role,
            department,
            job_level,
            manager_email,
            company_start,
            generation,
            languages,
            time_zone,
            location,
            availability,
            can_teach,
            wants_to_learn,
            interests,
            capacity,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2026-11-28").unwrap()
    }

    fn topics() -> Vec<String> {
        vec!["ai_tools".into(), "leadership".into(), "social_media".into()]
    }

    fn form() -> ProfileForm {
        ProfileForm {
            role: "mentor".into(),
            department: "  Ventas   Online ".into(),
            job_level: "3".into(),
            manager_email: "Jefa@Example.com".into(),
            company_start: "2024-09-01".into(),
            languages: vec!["ES".into(), "en".into(), "es".into()],
            time_zone: "Europe/Madrid".into(),
            availability: vec!["mon_am".into()],
            can_teach: vec!["ai_tools".into()],
            interests: "Running, música ,, running".into(),
            agree: Some("on".into()),
            ..ProfileForm::default()
        }
    }

    fn check(f: &ProfileForm) -> Result<ValidProfile, ProfileError> {
        f.validate(today(), &topics(), "yo@example.com")
    }

    #[test]
    fn a_good_form_is_cleaned() {
        let v = check(&form()).unwrap();
        assert_eq!(v.role, ProgramRole::Mentor);
        assert_eq!(v.department.as_deref(), Some("Ventas Online"));
        assert_eq!(v.job_level, Some(3));
        assert_eq!(v.manager_email.as_deref(), Some("jefa@example.com"));
        assert_eq!(v.languages, ["es", "en"]);
        assert_eq!(v.interests, ["running", "música"]);
        assert_eq!(v.capacity, 1, "a mentor takes one mentee unless they say more");
    }

    /// A change to a good form and the error it must cause.
    type Case = (fn(&mut ProfileForm), ProfileError);

    #[test]
    fn every_field_says_what_is_wrong() {
        let cases: Vec<Case> = vec![
            (|f| f.role = "jefe".into(), ProfileError::Role),
            (|f| f.department = "x".repeat(121), ProfileError::TextTooLong),
            (|f| f.job_level = "21".into(), ProfileError::JobLevel),
            (|f| f.job_level = "tres".into(), ProfileError::JobLevel),
            (
                |f| f.manager_email = "not an email".into(),
                ProfileError::ManagerEmail,
            ),
            (
                |f| f.manager_email = "YO@example.com".into(),
                ProfileError::SelfManager,
            ),
            (|f| f.company_start = "2027-01-01".into(), ProfileError::StartDate),
            (|f| f.company_start = "2024-02-30".into(), ProfileError::StartDate),
            (|f| f.generation = "gen_alpha".into(), ProfileError::Generation),
            (|f| f.languages.clear(), ProfileError::Languages),
            (|f| f.languages = vec!["español".into()], ProfileError::Languages),
            (|f| f.time_zone = "Madrid".into(), ProfileError::TimeZone),
            (
                |f| f.availability = vec!["sun_am".into()],
                ProfileError::Availability,
            ),
            (|f| f.can_teach = vec!["cooking".into()], ProfileError::Topics),
            (|f| f.can_teach.clear(), ProfileError::NoTopics),
            (|f| f.interests = "x".repeat(41), ProfileError::Interests),
            (|f| f.capacity = "0".into(), ProfileError::Capacity),
            (|f| f.capacity = "11".into(), ProfileError::Capacity),
            (|f| f.agree = None, ProfileError::Agreement),
        ];
        for (change, want) in cases {
            let mut f = form();
            change(&mut f);
            assert_eq!(check(&f), Err(want), "{f:?}");
        }
    }

    #[test]
    fn mentees_learn_and_take_no_mentees() {
        let mut f = form();
        f.role = "mentee".into();
        assert_eq!(
            check(&f),
            Err(ProfileError::NoTopics),
            "a mentee must want to learn something"
        );
        f.wants_to_learn = vec!["leadership".into()];
        let v = check(&f).unwrap();
        assert_eq!(v.capacity, 0);
        f.role = "both".into();
        assert_eq!(check(&f).unwrap().capacity, 1);
    }

    #[test]
    fn blank_fields_keep_what_is_stored_and_typed_ones_replace_it() {
        let stored = ProfileForm {
            role: "mentee".into(),
            department: "Finanzas".into(),
            job_level: "12".into(),
            languages: vec!["es".into()],
            time_zone: "Atlantic/Canary".into(),
            wants_to_learn: vec!["ai_tools".into()],
            interests: "vela".into(),
            capacity: "0".into(),
            agree: Some("on".into()),
            ..ProfileForm::default()
        };
        let posted = ProfileForm {
            department: "  ".into(),
            job_level: "13".into(),
            can_teach: vec!["leadership".into()],
            agree: None,
            ..ProfileForm::default()
        };
        let merged = posted.or_stored(&stored);
        assert_eq!(merged.role, "mentee");
        assert_eq!(merged.department, "Finanzas", "blank keeps the stored value");
        assert_eq!(merged.job_level, "13", "a typed value replaces it");
        assert_eq!(merged.time_zone, "Atlantic/Canary");
        assert_eq!(merged.languages, ["es"]);
        assert_eq!(merged.wants_to_learn, ["ai_tools"]);
        assert_eq!(merged.can_teach, ["leadership"]);
        assert_eq!(merged.interests, "vela");
        assert_eq!(merged.agree, None, "the agreement is never carried over");
    }

    #[test]
    fn generation_bands_from_hr_text() {
        for (text, band) in [
            ("Generación X", Some("gen_x")),
            ("gen_x", Some("gen_x")),
            ("Gen Z", Some("gen_z")),
            ("Millennials", Some("millennial")),
            ("Generation Y", Some("millennial")),
            ("Baby Boomer", Some("boomer")),
            ("silent", None),
        ] {
            assert_eq!(generation_band(text), band, "{text}");
        }
    }

    #[test]
    fn a_profile_is_complete_with_topics_for_each_side_and_the_agreement() {
        assert!(profile_complete(true, false, true, false, true));
        assert!(profile_complete(false, true, false, true, true));
        assert!(
            !profile_complete(true, true, true, false, true),
            "both sides need topics"
        );
        assert!(
            !profile_complete(true, false, true, true, false),
            "and the agreement"
        );
    }

    #[test]
    fn time_zone_shapes() {
        for ok in [
            "Europe/Madrid",
            "America/Argentina/Buenos_Aires",
            "Etc/GMT+3",
            "UTC",
        ] {
            assert!(is_time_zone_shape(ok), "{ok}");
        }
        for bad in [
            "",
            "Madrid",
            "/Europe",
            "Europe/",
            "Europe/Ma drid",
            "Europe/<script>",
        ] {
            assert!(!is_time_zone_shape(bad), "{bad}");
        }
    }
}
