//! The fixed lists every profile, organization and need shares.

use serde::{Deserialize, Serialize};

/// Declares a closed list with stable codes (stored, and used in URLs and forms).
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Reads a code; `None` when it is not in the list.
            pub fn parse(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

code_list! {
    /// The sectors of work, one taxonomy for the whole product.
    Sector {
        /// Health.
        Health = "health",
        /// Education.
        Education = "education",
        /// Agriculture and food.
        Agriculture = "agriculture",
        /// Information and communication technology.
        Ict = "ict",
        /// Finance and investment.
        Finance = "finance",
        /// Entrepreneurship.
        Entrepreneurship = "entrepreneurship",
        /// Humanitarian aid.
        Humanitarian = "humanitarian",
        /// Climate and environment.
        Climate = "climate",
        /// Governance.
        Governance = "governance",
        /// Culture.
        Culture = "culture",
        /// Research.
        Research = "research",
        /// Migration and mobility.
        Migration = "migration",
        /// Infrastructure and energy.
        Infrastructure = "infrastructure",
        /// Gender equality.
        Gender = "gender",
    }
}

code_list! {
    /// What a member offers.
    Offer {
        /// Mentoring.
        Mentoring = "mentoring",
        /// Expertise.
        Expertise = "expertise",
        /// Investment.
        Investment = "investment",
        /// Volunteering.
        Volunteering = "volunteering",
        /// Advocacy.
        Advocacy = "advocacy",
        /// Knowledge transfer.
        KnowledgeTransfer = "knowledge_transfer",
        /// Philanthropy.
        Philanthropy = "philanthropy",
    }
}

code_list! {
    /// What kind of body an organization is.
    OrgKind {
        /// A diaspora organization.
        Diaspora = "diaspora",
        /// A government body.
        Government = "government",
        /// An international organization.
        International = "io",
        /// An NGO or civil-society organization.
        Ngo = "ngo",
        /// A private company.
        Private = "private",
        /// A university or research body.
        Academia = "academia",
        /// A foundation.
        Foundation = "foundation",
    }
}

impl OrgKind {
    /// Kinds that speak for a state or an intergovernmental body: shown as
    /// "unverified" and without institutional powers until a moderator verifies them.
    pub fn is_institution(self) -> bool {
        matches!(self, Self::Government | Self::International)
    }
}

code_list! {
    /// Headcount bands of an organization.
    OrgSize {
        /// 1 to 10 people.
        Small = "1-10",
        /// 11 to 50 people.
        Medium = "11-50",
        /// 51 to 250 people.
        Large = "51-250",
        /// More than 250 people.
        VeryLarge = "250+",
    }
}

/// One of the 17 UN Sustainable Development Goals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Sdg(u8);

impl Sdg {
    /// Every goal, 1 to 17.
    pub fn all() -> impl Iterator<Item = Sdg> {
        (1..=17).map(Sdg)
    }

    /// The goal with this number, if it is one of the 17.
    pub fn new(number: u8) -> Option<Self> {
        (1..=17).contains(&number).then_some(Self(number))
    }

    /// Reads a goal number as typed or stored.
    pub fn parse(code: &str) -> Option<Self> {
        code.trim().parse().ok().and_then(Self::new)
    }

    /// The goal's number.
    pub fn number(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_to_its_value() {
        for s in Sector::ALL {
            assert_eq!(Sector::parse(s.code()), Some(*s));
        }
        for o in Offer::ALL {
            assert_eq!(Offer::parse(o.code()), Some(*o));
        }
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.code()), Some(*k));
        }
        assert_eq!(Sector::parse("astrology"), None);
    }

    #[test]
    fn there_are_exactly_seventeen_goals() {
        assert_eq!(Sdg::all().count(), 17);
        assert_eq!(Sdg::parse("0"), None);
        assert_eq!(Sdg::parse("18"), None);
        assert_eq!(Sdg::parse(" 4 ").map(Sdg::number), Some(4));
    }

    #[test]
    fn only_governments_and_ios_need_verification_to_act_as_institutions() {
        let institutions: Vec<_> = OrgKind::ALL.iter().filter(|k| k.is_institution()).collect();
        assert_eq!(
            institutions,
            [&OrgKind::Government, &OrgKind::International]
        );
    }
}
