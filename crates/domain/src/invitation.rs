//! Where a person enrolled in a program stands with their invitation to Inversa, and which
//! invitations HR may send to them.

use serde::{Deserialize, Serialize};

/// A person's invitation, as HR's list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    /// No account and never invited to this program.
    NotInvited,
    /// Invited; the link is unused and still valid.
    Invited,
    /// Invited, but the link ran out before it was used.
    Expired,
    /// Has an account (accepted an invitation, or had one already).
    Accepted,
}

/// What is known of a person's invitation to a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvitationFacts {
    /// The link was used.
    pub used: bool,
    /// The link's validity is over.
    pub expired: bool,
}

/// Which people one sending reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sending {
    /// "Invite everyone not yet invited": never-invited people only; a live or expired
    /// invitation is left alone, so pressing it twice invites nobody twice.
    New,
    /// "Re-send to everyone pending or expired": a fresh link replaces the old one.
    Resend,
    /// One person, whatever their invitation: the first link, or a fresh one.
    One,
}

impl InvitationStatus {
    /// The status of a person: having an account wins over everything else.
    pub fn of(has_account: bool, invitation: Option<InvitationFacts>) -> InvitationStatus {
        match invitation {
            _ if has_account => InvitationStatus::Accepted,
            None => InvitationStatus::NotInvited,
            Some(f) if f.used => InvitationStatus::Accepted,
            Some(f) if f.expired => InvitationStatus::Expired,
            Some(_) => InvitationStatus::Invited,
        }
    }

    /// Whether `sending` sends this person an invitation.
    pub fn reached_by(self, sending: Sending) -> bool {
        match sending {
            Sending::New => self == InvitationStatus::NotInvited,
            Sending::Resend => matches!(self, InvitationStatus::Invited | InvitationStatus::Expired),
            Sending::One => self != InvitationStatus::Accepted,
        }
    }

    /// Stable name, as stored and as the page's `data-status`.
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::NotInvited => "not_invited",
            InvitationStatus::Invited => "invited",
            InvitationStatus::Expired => "expired",
            InvitationStatus::Accepted => "accepted",
        }
    }

    /// Every status, in the order HR's list counts them.
    pub const ALL: [InvitationStatus; 4] = [
        InvitationStatus::NotInvited,
        InvitationStatus::Invited,
        InvitationStatus::Expired,
        InvitationStatus::Accepted,
    ];
}

impl Sending {
    /// Stable name, as the forms post it.
    pub fn as_str(self) -> &'static str {
        match self {
            Sending::New => "new",
            Sending::Resend => "resend",
            Sending::One => "one",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIVE: InvitationFacts = InvitationFacts {
        used: false,
        expired: false,
    };
    const OLD: InvitationFacts = InvitationFacts {
        used: false,
        expired: true,
    };

    #[test]
    fn an_account_means_accepted() {
        assert_eq!(InvitationStatus::of(true, None), InvitationStatus::Accepted);
        assert_eq!(InvitationStatus::of(true, Some(OLD)), InvitationStatus::Accepted);
        assert_eq!(
            InvitationStatus::of(
                false,
                Some(InvitationFacts {
                    used: true,
                    expired: true
                })
            ),
            InvitationStatus::Accepted
        );
    }

    #[test]
    fn invitations_are_live_or_expired() {
        assert_eq!(InvitationStatus::of(false, None), InvitationStatus::NotInvited);
        assert_eq!(InvitationStatus::of(false, Some(LIVE)), InvitationStatus::Invited);
        assert_eq!(InvitationStatus::of(false, Some(OLD)), InvitationStatus::Expired);
    }

    #[test]
    fn each_sending_reaches_its_people() {
        use InvitationStatus as S;
        let reached = |sending| {
            S::ALL
                .into_iter()
                .filter(|s| s.reached_by(sending))
                .collect::<Vec<_>>()
        };
        assert_eq!(reached(Sending::New), [S::NotInvited]);
        assert_eq!(reached(Sending::Resend), [S::Invited, S::Expired]);
        assert_eq!(reached(Sending::One), [S::NotInvited, S::Invited, S::Expired]);
    }
}
