//! Roles: what kind of user someone is in the organisation.

use serde::{Deserialize, Serialize};

/// What a user may do in the organisation as a whole.
///
/// Participation in a program (mentor, mentee or both) is per program and lives with the enrolment;
/// this is only the account-wide role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the whole organisation: accounts, every program, settings.
    Admin,
    /// HR: designs and runs their own programs.
    ProgramManager,
    /// A mentor and/or mentee in one or more programs.
    Participant,
}

impl Role {
    /// Every role, in order of decreasing power.
    pub const ALL: [Role; 3] = [Role::Admin, Role::ProgramManager, Role::Participant];

    /// The stable name stored in the database and used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::ProgramManager => "program_manager",
            Role::Participant => "participant",
        }
    }

    /// Parses the stored name back; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether this role can run programs (HR pages).
    pub fn manages_programs(self) -> bool {
        matches!(self, Role::Admin | Role::ProgramManager)
    }

    /// Whether this role satisfies a requirement of `required`: admin satisfies everything,
    /// a program manager satisfies program-manager and participant pages.
    pub fn satisfies(self, required: Role) -> bool {
        match required {
            Role::Admin => self == Role::Admin,
            Role::ProgramManager => self.manages_programs(),
            Role::Participant => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn only_admin_satisfies_admin() {
        assert!(Role::Admin.satisfies(Role::Admin));
        assert!(!Role::ProgramManager.satisfies(Role::Admin));
        assert!(!Role::Participant.satisfies(Role::Admin));
        assert!(Role::ProgramManager.satisfies(Role::ProgramManager));
        assert!(!Role::Participant.satisfies(Role::ProgramManager));
        assert!(Role::Participant.satisfies(Role::Participant));
    }
}
