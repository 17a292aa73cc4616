//! Names of the fixed lists, in the reader's language.

use crate::domain::follow_up::{AgreementKind, Stage};
use crate::domain::{
    Direction, MatchReason, NeedStatus, Offer, OrgKind, OrgRole, OrgSize, PartnerKind,
    PartnershipType, Place, Sdg, Sector, Verification, Visibility,
};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// Every sector as a form offers it: (code, label).
pub fn sector_options(i18n: I18nContext<Locale>) -> Vec<(String, String)> {
    Sector::ALL
        .iter()
        .map(|s| (s.code().to_owned(), sector_label(i18n, *s)))
        .collect()
}

/// The 17 goals as a form offers them: (number, label).
pub fn sdg_options(i18n: I18nContext<Locale>) -> Vec<(String, String)> {
    Sdg::all()
        .map(|s| (s.number().to_string(), sdg_label(i18n, s)))
        .collect()
}

/// The translated name of a sector.
pub fn sector_label(i18n: I18nContext<Locale>, sector: Sector) -> String {
    match sector {
        Sector::Health => t_string!(i18n, sectors.health),
        Sector::Education => t_string!(i18n, sectors.education),
        Sector::Agriculture => t_string!(i18n, sectors.agriculture),
        Sector::Ict => t_string!(i18n, sectors.ict),
        Sector::Finance => t_string!(i18n, sectors.finance),
        Sector::Entrepreneurship => t_string!(i18n, sectors.entrepreneurship),
        Sector::Humanitarian => t_string!(i18n, sectors.humanitarian),
        Sector::Climate => t_string!(i18n, sectors.climate),
        Sector::Governance => t_string!(i18n, sectors.governance),
        Sector::Culture => t_string!(i18n, sectors.culture),
        Sector::Research => t_string!(i18n, sectors.research),
        Sector::Migration => t_string!(i18n, sectors.migration),
        Sector::Infrastructure => t_string!(i18n, sectors.infrastructure),
        Sector::Gender => t_string!(i18n, sectors.gender),
    }
    .to_string()
}

/// The translated name of an offer.
pub fn offer_label(i18n: I18nContext<Locale>, offer: Offer) -> String {
    match offer {
        Offer::Mentoring => t_string!(i18n, offers.mentoring),
        Offer::Expertise => t_string!(i18n, offers.expertise),
        Offer::Investment => t_string!(i18n, offers.investment),
        Offer::Volunteering => t_string!(i18n, offers.volunteering),
        Offer::Advocacy => t_string!(i18n, offers.advocacy),
        Offer::KnowledgeTransfer => t_string!(i18n, offers.knowledge_transfer),
        Offer::Philanthropy => t_string!(i18n, offers.philanthropy),
    }
    .to_string()
}

/// The translated name of a partnership type.
pub fn type_label(i18n: I18nContext<Locale>, ty: PartnershipType) -> String {
    match ty {
        PartnershipType::Funding => t_string!(i18n, types.funding),
        PartnershipType::Expertise => t_string!(i18n, types.expertise),
        PartnershipType::Mentoring => t_string!(i18n, types.mentoring),
        PartnershipType::CoImplementation => t_string!(i18n, types.co_implementation),
        PartnershipType::Advocacy => t_string!(i18n, types.advocacy),
        PartnershipType::Research => t_string!(i18n, types.research),
        PartnershipType::Volunteering => t_string!(i18n, types.volunteering),
        PartnershipType::Investment => t_string!(i18n, types.investment),
        PartnershipType::KnowledgeExchange => t_string!(i18n, types.knowledge_exchange),
    }
    .to_string()
}

/// The translated name of a kind of partner a need looks for.
pub fn partner_label(i18n: I18nContext<Locale>, kind: PartnerKind) -> String {
    match kind {
        PartnerKind::Member => t_string!(i18n, partners.member),
        PartnerKind::Diaspora => t_string!(i18n, partners.diaspora),
        PartnerKind::Government => t_string!(i18n, partners.government),
        PartnerKind::International => t_string!(i18n, partners.io),
        PartnerKind::Ngo => t_string!(i18n, partners.ngo),
        PartnerKind::Private => t_string!(i18n, partners.private),
        PartnerKind::Academia => t_string!(i18n, partners.academia),
        PartnerKind::Foundation => t_string!(i18n, partners.foundation),
    }
    .to_string()
}

/// "Seeks" or "offers".
pub fn direction_label(i18n: I18nContext<Locale>, direction: Direction) -> String {
    match direction {
        Direction::Seeking => t_string!(i18n, needs.seeking),
        Direction::Offering => t_string!(i18n, needs.offering),
    }
    .to_string()
}

/// The translated status of a need.
pub fn need_status_label(i18n: I18nContext<Locale>, status: NeedStatus) -> String {
    match status {
        NeedStatus::Draft => t_string!(i18n, needs.status_draft),
        NeedStatus::Open => t_string!(i18n, needs.status_open),
        NeedStatus::Fulfilled => t_string!(i18n, needs.status_fulfilled),
        NeedStatus::Withdrawn => t_string!(i18n, needs.status_withdrawn),
        NeedStatus::Expired => t_string!(i18n, needs.status_expired),
    }
    .to_string()
}

/// Where a contact stands, in the reader's language.
pub fn stage_label(i18n: I18nContext<Locale>, stage: Stage) -> String {
    match stage {
        Stage::Accepted => t_string!(i18n, stages.accepted),
        Stage::Met => t_string!(i18n, stages.met),
        Stage::Exploring => t_string!(i18n, stages.exploring),
        Stage::Negotiating => t_string!(i18n, stages.negotiating),
        Stage::AgreementReached => t_string!(i18n, stages.agreement),
        Stage::NoFurtherContact => t_string!(i18n, stages.no_further_contact),
    }
    .to_string()
}

/// A kind of agreement, in the reader's language.
pub fn agreement_label(i18n: I18nContext<Locale>, kind: AgreementKind) -> String {
    match kind {
        AgreementKind::Memorandum => t_string!(i18n, agreements.memorandum),
        AgreementKind::Funding => t_string!(i18n, agreements.funding),
        AgreementKind::TechnicalCooperation => t_string!(i18n, agreements.technical_cooperation),
        AgreementKind::JointProject => t_string!(i18n, agreements.joint_project),
        AgreementKind::Mentoring => t_string!(i18n, agreements.mentoring),
        AgreementKind::Investment => t_string!(i18n, agreements.investment),
        AgreementKind::KnowledgeExchange => t_string!(i18n, agreements.knowledge_exchange),
    }
    .to_string()
}

/// One reason of a match, in plain words.
pub fn reason_view(i18n: I18nContext<Locale>, reason: MatchReason) -> AnyView {
    match reason {
        MatchReason::Sdg(sdg) => {
            t!(i18n, reasons.sdg, goal = move || sdg_label(i18n, sdg)).into_any()
        }
        MatchReason::Country { country, place } => {
            let name = move || country.name.clone();
            match place {
                Place::Origin => t!(i18n, reasons.origin, country = name).into_any(),
                Place::Residence => t!(i18n, reasons.residence, country = name).into_any(),
                Place::Active => t!(i18n, reasons.active, country = name).into_any(),
            }
        }
        MatchReason::Sector(sector) => t!(
            i18n,
            reasons.sector,
            sector = move || sector_label(i18n, sector)
        )
        .into_any(),
        MatchReason::Type(ty) => {
            t!(i18n, reasons.offers, offer = move || type_label(i18n, ty)).into_any()
        }
        MatchReason::Language(language) => t!(
            i18n,
            reasons.language,
            language = move || language.name.clone()
        )
        .into_any(),
        MatchReason::Text => t!(i18n, reasons.text).into_any(),
        MatchReason::Verified => t!(i18n, reasons.verified).into_any(),
        MatchReason::NotConfirmedSince(at) => {
            let (month, year) = month_and_year(i18n, at);
            t!(
                i18n,
                reasons.not_confirmed,
                month = move || month.clone(),
                year = move || year
            )
            .into_any()
        }
    }
}

/// A month's name in the reader's language, and the year, of an instant (Unix seconds).
pub fn month_and_year(i18n: I18nContext<Locale>, seconds: i64) -> (String, i64) {
    let (year, month, _) = civil_date(seconds);
    let name = match month {
        1 => t_string!(i18n, months.m1),
        2 => t_string!(i18n, months.m2),
        3 => t_string!(i18n, months.m3),
        4 => t_string!(i18n, months.m4),
        5 => t_string!(i18n, months.m5),
        6 => t_string!(i18n, months.m6),
        7 => t_string!(i18n, months.m7),
        8 => t_string!(i18n, months.m8),
        9 => t_string!(i18n, months.m9),
        10 => t_string!(i18n, months.m10),
        11 => t_string!(i18n, months.m11),
        _ => t_string!(i18n, months.m12),
    };
    (name.to_string(), year)
}

/// The translated name of an organization kind.
pub fn kind_label(i18n: I18nContext<Locale>, kind: OrgKind) -> String {
    match kind {
        OrgKind::Diaspora => t_string!(i18n, kinds.diaspora),
        OrgKind::Government => t_string!(i18n, kinds.government),
        OrgKind::International => t_string!(i18n, kinds.io),
        OrgKind::Ngo => t_string!(i18n, kinds.ngo),
        OrgKind::Private => t_string!(i18n, kinds.private),
        OrgKind::Academia => t_string!(i18n, kinds.academia),
        OrgKind::Foundation => t_string!(i18n, kinds.foundation),
    }
    .to_string()
}

/// The translated headcount band.
pub fn size_label(i18n: I18nContext<Locale>, size: OrgSize) -> String {
    match size {
        OrgSize::Small => t_string!(i18n, sizes.small),
        OrgSize::Medium => t_string!(i18n, sizes.medium),
        OrgSize::Large => t_string!(i18n, sizes.large),
        OrgSize::VeryLarge => t_string!(i18n, sizes.very_large),
    }
    .to_string()
}

/// The number and translated name of a goal.
pub fn sdg_label(i18n: I18nContext<Locale>, sdg: Sdg) -> String {
    match sdg.number() {
        1 => t_string!(i18n, sdgs.g1),
        2 => t_string!(i18n, sdgs.g2),
        3 => t_string!(i18n, sdgs.g3),
        4 => t_string!(i18n, sdgs.g4),
        5 => t_string!(i18n, sdgs.g5),
        6 => t_string!(i18n, sdgs.g6),
        7 => t_string!(i18n, sdgs.g7),
        8 => t_string!(i18n, sdgs.g8),
        9 => t_string!(i18n, sdgs.g9),
        10 => t_string!(i18n, sdgs.g10),
        11 => t_string!(i18n, sdgs.g11),
        12 => t_string!(i18n, sdgs.g12),
        13 => t_string!(i18n, sdgs.g13),
        14 => t_string!(i18n, sdgs.g14),
        15 => t_string!(i18n, sdgs.g15),
        16 => t_string!(i18n, sdgs.g16),
        _ => t_string!(i18n, sdgs.g17),
    }
    .to_string()
}

/// The translated visibility choice.
pub fn visibility_label(i18n: I18nContext<Locale>, visibility: Visibility) -> String {
    match visibility {
        Visibility::Public => t_string!(i18n, visibility.public),
        Visibility::Members => t_string!(i18n, visibility.members),
        Visibility::Hidden => t_string!(i18n, visibility.hidden),
    }
    .to_string()
}

/// The translated role in an organization.
pub fn org_role_label(i18n: I18nContext<Locale>, role: OrgRole) -> String {
    match role {
        OrgRole::Owner => t_string!(i18n, org_roles.owner),
        OrgRole::Admin => t_string!(i18n, org_roles.admin),
        OrgRole::Member => t_string!(i18n, org_roles.member),
    }
    .to_string()
}

/// The translated verification status.
pub fn verification_label(i18n: I18nContext<Locale>, status: Verification) -> String {
    match status {
        Verification::Verified => t_string!(i18n, verification.verified),
        Verification::Unverified => t_string!(i18n, verification.unverified),
        Verification::Pending => t_string!(i18n, verification.pending),
        Verification::Rejected => t_string!(i18n, verification.rejected),
    }
    .to_string()
}

/// The label of a facet value whose name the server did not give.
pub fn facet_value_label(i18n: I18nContext<Locale>, key: &str, code: &str) -> String {
    let found = match key {
        "sdg" => Sdg::parse(code).map(|v| sdg_label(i18n, v)),
        "sector" => Sector::parse(code).map(|v| sector_label(i18n, v)),
        "offer" => Offer::parse(code).map(|v| offer_label(i18n, v)),
        "kind" => OrgKind::parse(code)
            .map(|v| kind_label(i18n, v))
            .or_else(|| PartnerKind::parse(code).map(|v| partner_label(i18n, v))),
        "type" => PartnershipType::parse(code).map(|v| type_label(i18n, v)),
        "status" => NeedStatus::parse(code).map(|v| need_status_label(i18n, v)),
        _ => None,
    };
    found.unwrap_or_else(|| code.to_owned())
}

/// The translated name of a UN M49 region or sub-region slug.
pub fn region_label(i18n: I18nContext<Locale>, slug: &str) -> String {
    match slug {
        "africa" => t_string!(i18n, regions.africa),
        "americas" => t_string!(i18n, regions.americas),
        "asia" => t_string!(i18n, regions.asia),
        "europe" => t_string!(i18n, regions.europe),
        "oceania" => t_string!(i18n, regions.oceania),
        "australia-and-new-zealand" => t_string!(i18n, regions.australia_and_new_zealand),
        "caribbean" => t_string!(i18n, regions.caribbean),
        "central-america" => t_string!(i18n, regions.central_america),
        "central-asia" => t_string!(i18n, regions.central_asia),
        "eastern-africa" => t_string!(i18n, regions.eastern_africa),
        "eastern-asia" => t_string!(i18n, regions.eastern_asia),
        "eastern-europe" => t_string!(i18n, regions.eastern_europe),
        "melanesia" => t_string!(i18n, regions.melanesia),
        "micronesia" => t_string!(i18n, regions.micronesia),
        "middle-africa" => t_string!(i18n, regions.middle_africa),
        "northern-africa" => t_string!(i18n, regions.northern_africa),
        "northern-america" => t_string!(i18n, regions.northern_america),
        "northern-europe" => t_string!(i18n, regions.northern_europe),
        "polynesia" => t_string!(i18n, regions.polynesia),
        "south-america" => t_string!(i18n, regions.south_america),
        "south-eastern-asia" => t_string!(i18n, regions.south_eastern_asia),
        "southern-africa" => t_string!(i18n, regions.southern_africa),
        "southern-asia" => t_string!(i18n, regions.southern_asia),
        "southern-europe" => t_string!(i18n, regions.southern_europe),
        "western-africa" => t_string!(i18n, regions.western_africa),
        "western-asia" => t_string!(i18n, regions.western_asia),
        "western-europe" => t_string!(i18n, regions.western_europe),
        _ => t_string!(i18n, region_page.unknown),
    }
    .to_string()
}

/// A date from Unix seconds, as YYYY-MM-DD (the same in every language).
pub fn iso_date(seconds: i64) -> String {
    let (year, month, day) = civil_date(seconds);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Year, month (1–12) and day of an instant (Unix seconds, UTC).
pub fn civil_date(seconds: i64) -> (i64, i64, i64) {
    let days = seconds.div_euclid(86_400);
    // Civil-from-days (Howard Hinnant), proleptic Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::iso_date;

    #[test]
    fn dates_are_written_year_month_day() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(1_795_478_400), "2026-11-24");
        assert_eq!(iso_date(951_782_400), "2000-02-29");
    }
}
