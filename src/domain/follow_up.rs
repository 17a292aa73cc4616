//! After an introduction is accepted: where the contact stands, moved by either side,
//! and the agreement it may lead to, which counts only once both sides confirm it.

use serde::{Deserialize, Serialize};

/// Where an accepted introduction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    Accepted,
    Met,
    Exploring,
    Negotiating,
    /// Both sides confirmed an agreement: never reached by a move of one side alone.
    AgreementReached,
    NoFurtherContact,
}

/// Why a move was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IllegalMove {
    /// The contact is over (an agreement, or no further contact): nothing moves it.
    Closed,
    /// Stages only move forward (or to *no further contact*).
    Backwards,
    /// *Agreement reached* needs both sides' confirmation ([`Agreement`]).
    NeedsBothSides,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 6] = [
        Stage::Accepted,
        Stage::Met,
        Stage::Exploring,
        Stage::Negotiating,
        Stage::AgreementReached,
        Stage::NoFurtherContact,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Met => "met",
            Self::Exploring => "exploring",
            Self::Negotiating => "negotiating",
            Self::AgreementReached => "agreement",
            Self::NoFurtherContact => "no_further_contact",
        }
    }

    /// Reads a stored or posted code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether nothing moves it any more.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::AgreementReached | Self::NoFurtherContact)
    }

    /// Whether one side may move the contact from `self` to `next`: forward, skipping
    /// stages if the two met elsewhere, or to *no further contact* from any open stage.
    pub fn check_move(self, next: Stage) -> Result<(), IllegalMove> {
        if self.is_closed() {
            Err(IllegalMove::Closed)
        } else if next == Self::AgreementReached {
            Err(IllegalMove::NeedsBothSides)
        } else if next <= self {
            Err(IllegalMove::Backwards)
        } else {
            Ok(())
        }
    }

    /// The stages one side may move to from here, in order.
    pub fn moves(self) -> Vec<Stage> {
        Self::ALL
            .into_iter()
            .filter(|next| self.check_move(*next).is_ok())
            .collect()
    }

    /// Whether an agreement may be proposed or confirmed: the contact is still open.
    pub fn allows_agreement(self) -> bool {
        !self.is_closed()
    }
}

/// The kinds of agreement an introduction can lead to (the Enterprise Europe Network's
/// partnership agreements, widened to what diasporas and governments sign).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgreementKind {
    Memorandum,
    Funding,
    TechnicalCooperation,
    JointProject,
    Mentoring,
    Investment,
    KnowledgeExchange,
}

impl AgreementKind {
    pub const ALL: [AgreementKind; 7] = [
        AgreementKind::Memorandum,
        AgreementKind::Funding,
        AgreementKind::TechnicalCooperation,
        AgreementKind::JointProject,
        AgreementKind::Mentoring,
        AgreementKind::Investment,
        AgreementKind::KnowledgeExchange,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Memorandum => "memorandum",
            Self::Funding => "funding",
            Self::TechnicalCooperation => "technical_cooperation",
            Self::JointProject => "joint_project",
            Self::Mentoring => "mentoring",
            Self::Investment => "investment",
            Self::KnowledgeExchange => "knowledge_exchange",
        }
    }

    /// Reads a stored or posted code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One side of an introduction: who sent it, or who received it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Sender,
    Recipient,
}

impl Side {
    pub fn code(self) -> &'static str {
        match self {
            Self::Sender => "sender",
            Self::Recipient => "recipient",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "sender" => Some(Self::Sender),
            "recipient" => Some(Self::Recipient),
            _ => None,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Self::Sender => Self::Recipient,
            Self::Recipient => Self::Sender,
        }
    }
}

/// An agreement one side stated; it counts (and the stage becomes *agreement reached*)
/// once the other side confirms it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub kind: AgreementKind,
    pub stated_by: Side,
    pub stated_at: i64,
    /// When the other side confirmed it; `None` while it waits.
    pub confirmed_at: Option<i64>,
}

/// What confirming or stating an agreement does, from one side's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementStep {
    /// Nothing stated yet, or the same side states it again (perhaps of another kind):
    /// it is stated and waits for the other side.
    Stated,
    /// The other side had stated the same kind: confirmed by both.
    Confirmed,
}

/// What happens when `side` says an agreement of `kind` was reached, given what was
/// stated before. The other side stating a different kind replaces the statement with
/// its own, to be confirmed in turn: both must name the same agreement.
pub fn state_agreement(
    before: Option<&Agreement>,
    side: Side,
    kind: AgreementKind,
) -> AgreementStep {
    match before {
        Some(a) if a.stated_by != side && a.kind == kind && a.confirmed_at.is_none() => {
            AgreementStep::Confirmed
        }
        _ => AgreementStep::Stated,
    }
}

/// The follow-up of one accepted introduction, as one of its sides sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub introduction: super::Introduction,
    /// The reader's side.
    pub side: Side,
    pub stage: Stage,
    pub stage_changed_at: i64,
    pub agreement: Option<Agreement>,
    /// Every move so far, oldest first: the stage, the side that moved it, when.
    pub history: Vec<(Stage, Side, i64)>,
    /// The meeting planned, waiting for a pick, or last held (none, or cancelled: none).
    pub meeting: Option<super::meeting::Meeting>,
    /// The time zone the reader reads times in, and the zones they may choose.
    pub time_zone: String,
    pub zones: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_move_forward_only_and_skipping_is_allowed() {
        assert_eq!(Stage::Accepted.check_move(Stage::Met), Ok(()));
        assert_eq!(Stage::Accepted.check_move(Stage::Negotiating), Ok(()));
        assert_eq!(Stage::Met.check_move(Stage::Exploring), Ok(()));
        assert_eq!(
            Stage::Exploring.check_move(Stage::Met),
            Err(IllegalMove::Backwards)
        );
        assert_eq!(
            Stage::Met.check_move(Stage::Met),
            Err(IllegalMove::Backwards)
        );
    }

    #[test]
    fn every_illegal_move_is_refused() {
        for from in Stage::ALL {
            for to in Stage::ALL {
                let expected = if from.is_closed() {
                    Err(IllegalMove::Closed)
                } else if to == Stage::AgreementReached {
                    Err(IllegalMove::NeedsBothSides)
                } else if to <= from {
                    Err(IllegalMove::Backwards)
                } else {
                    Ok(())
                };
                assert_eq!(from.check_move(to), expected, "{from:?} → {to:?}");
            }
        }
        // What that means, spelled out.
        assert_eq!(
            Stage::AgreementReached.check_move(Stage::NoFurtherContact),
            Err(IllegalMove::Closed)
        );
        assert_eq!(
            Stage::NoFurtherContact.check_move(Stage::Exploring),
            Err(IllegalMove::Closed)
        );
        assert_eq!(
            Stage::Negotiating.check_move(Stage::AgreementReached),
            Err(IllegalMove::NeedsBothSides)
        );
        assert_eq!(Stage::Negotiating.moves(), vec![Stage::NoFurtherContact]);
        assert_eq!(
            Stage::Accepted.moves(),
            vec![
                Stage::Met,
                Stage::Exploring,
                Stage::Negotiating,
                Stage::NoFurtherContact
            ]
        );
        assert!(Stage::NoFurtherContact.moves().is_empty());
    }

    #[test]
    fn codes_read_back() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.code()), Some(stage));
        }
        for kind in AgreementKind::ALL {
            assert_eq!(AgreementKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(Stage::parse("signed"), None);
        assert_eq!(Side::parse(Side::Sender.code()), Some(Side::Sender));
    }

    #[test]
    fn an_agreement_counts_only_when_the_other_side_names_the_same_one() {
        use AgreementKind::*;
        let stated = |kind, by| Agreement {
            kind,
            stated_by: by,
            stated_at: 0,
            confirmed_at: None,
        };
        assert_eq!(
            state_agreement(None, Side::Sender, Funding),
            AgreementStep::Stated
        );
        // The same side saying it twice is still one side.
        let mine = stated(Funding, Side::Sender);
        assert_eq!(
            state_agreement(Some(&mine), Side::Sender, Funding),
            AgreementStep::Stated
        );
        // The other side naming another agreement restates it, to be confirmed in turn.
        assert_eq!(
            state_agreement(Some(&mine), Side::Recipient, Memorandum),
            AgreementStep::Stated
        );
        assert_eq!(
            state_agreement(Some(&mine), Side::Recipient, Funding),
            AgreementStep::Confirmed
        );
    }
}
