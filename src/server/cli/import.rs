//! `passerelle import organizations FILE.csv`: checks every row first, reports every
//! problem (line, field, reason), and imports all rows in one transaction or none.

use crate::domain::{FieldIssue, OrgInput};
use crate::server::db::Pool;
use crate::server::db::{self, organizations as orgs};
use crate::server::reference;
use anyhow::Context;
use serde::Deserialize;

use std::collections::HashSet;
use std::path::Path;

/// One CSV row. Lists (countries, sectors, sdgs) are separated by semicolons.
#[derive(Debug, Deserialize)]
pub struct Row {
    pub name: String,
    pub kind: String,
    pub hq_country: String,
    #[serde(default)]
    pub countries: String,
    #[serde(default)]
    pub sectors: String,
    #[serde(default)]
    pub sdgs: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub year_founded: String,
    #[serde(default)]
    pub size: String,
    #[serde(default)]
    pub public_contact: String,
    /// The email of an existing account that becomes the owner.
    #[serde(default)]
    pub owner_email: String,
}

/// A refused row: where, which field, why.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub field: String,
    pub reason: String,
}

/// What happened.
#[derive(Debug)]
pub enum Outcome {
    /// Every row was imported.
    Imported(usize),
    /// Nothing was imported, because of these problems.
    Refused(Vec<Problem>),
}

fn list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn reason(issue: FieldIssue) -> String {
    match issue {
        FieldIssue::Required => "required".into(),
        FieldIssue::TooShort { min } => format!("shorter than {min} characters"),
        FieldIssue::TooLong { max } => format!("longer than {max} characters"),
        FieldIssue::TooMany { max } => format!("more than {max} values"),
        FieldIssue::InvalidChoice => "not one of the accepted codes".into(),
        FieldIssue::InvalidUrl => "not an http(s) web address".into(),
        FieldIssue::InvalidYear => "not a year between 1800 and this year".into(),
        FieldIssue::InvalidEmail => "not an email address".into(),
        FieldIssue::NameTaken => "an organization with this name already exists".into(),
        other => format!("{other:?}"),
    }
}

/// The rows of a CSV file, each with the line it starts on (the header is line 1; a
/// quoted cell may span lines) and either the row or why it cannot be read. Reads any
/// bytes without panicking (fuzzed: `fuzz/fuzz_targets/csv_row.rs`).
pub fn rows<R: std::io::Read>(input: R) -> Vec<(u64, Result<Row, Problem>)> {
    let problem = |line: u64, error: csv::Error| Problem {
        line,
        field: "(row)".into(),
        reason: error.to_string(),
    };
    let mut reader = csv::Reader::from_reader(input);
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(error) => return vec![(1, Err(problem(1, error)))],
    };
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, csv::Position::line);
                let row = record
                    .deserialize(Some(&headers))
                    .map_err(|error| problem(line, error));
                rows.push((line, row));
            }
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                let fatal = matches!(error.kind(), csv::ErrorKind::Io(_));
                rows.push((line, Err(problem(line, error))));
                if fatal {
                    break;
                }
            }
        }
    }
    rows
}

impl Row {
    /// The organization this row describes, its lists split on semicolons.
    pub fn organization(&self) -> OrgInput {
        OrgInput {
            name: self.name.clone(),
            kind: self.kind.clone(),
            hq_country: self.hq_country.clone(),
            countries: list(&self.countries),
            sectors: list(&self.sectors),
            sdgs: list(&self.sdgs),
            description: self.description.clone(),
            website: self.website.clone(),
            year_founded: self.year_founded.clone(),
            size: self.size.clone(),
            public_contact: self.public_contact.clone(),
        }
    }
}

/// Imports the organizations of a CSV file, showing a progress bar on long files.
pub async fn organizations(pool: &Pool, file: &Path) -> anyhow::Result<Outcome> {
    let file =
        std::fs::File::open(file).with_context(|| format!("Failed to open {}", file.display()))?;
    let mut problems = Vec::new();
    let mut valid: Vec<(crate::domain::ValidOrg, Option<i64>)> = Vec::new();
    let mut names = HashSet::new();
    let this_year = crate::server::organizations::this_year();
    for (line, row) in rows(file) {
        let row = match row {
            Ok(row) => row,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let owner = match row.owner_email.trim() {
            "" => None,
            email => match db::users::find_by_email(pool, &email.to_lowercase()).await? {
                Some(user) => Some(user.id),
                None => {
                    problems.push(Problem {
                        line,
                        field: "owner_email".into(),
                        reason: "no account has this email address".into(),
                    });
                    continue;
                }
            },
        };
        let input = row.organization();
        match input.validate(reference::is_country, this_year) {
            Ok(org) => {
                let fresh = names.insert(orgs::name_key(&org.name));
                if !fresh || orgs::name_taken(pool, &org.name, None).await? {
                    problems.push(Problem {
                        line,
                        field: "name".into(),
                        reason: reason(FieldIssue::NameTaken),
                    });
                } else {
                    valid.push((org, owner));
                }
            }
            Err(errors) => {
                problems.extend(errors.fields.into_iter().map(|(field, issue)| Problem {
                    line,
                    field,
                    reason: reason(issue),
                }))
            }
        }
    }
    if !problems.is_empty() {
        return Ok(Outcome::Refused(problems));
    }
    insert_all(pool, valid).await
}

async fn insert_all(
    pool: &Pool,
    valid: Vec<(crate::domain::ValidOrg, Option<i64>)>,
) -> anyhow::Result<Outcome> {
    let bar = indicatif::ProgressBar::new(valid.len() as u64);
    if valid.len() < 200 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let count = valid.len();
    let now = db::now();
    let mut taken = HashSet::new();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin the import")?;
    for (org, owner) in valid {
        let base = crate::server::slugs::base(&org.name, 60, "organization");
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains(&slug) || orgs::slug_taken(&mut *tx, &slug).await? {
            slug = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(slug.clone());
        let id = orgs::insert(&mut tx, &slug, &org, owner, now).await?;
        if let Some(owner) = owner {
            orgs::set_member(&mut *tx, id, owner, crate::domain::OrgRole::Owner, now).await?;
        }
        bar.inc(1);
    }
    tx.commit().await.context("Failed to commit the import")?;
    bar.finish_and_clear();
    Ok(Outcome::Imported(count))
}

#[cfg(test)]
mod tests {
    use super::rows;

    #[test]
    fn a_problem_names_the_line_its_row_starts_on_in_the_file() {
        let file = "name,kind,hq_country,description\n\
                    Collectif Sahel,ngo,ML,\"two\nlines\"\n\
                    Réseau,ngo,SN,one\n\
                    Broken,ngo\n";
        let lines: Vec<u64> = rows(file.as_bytes())
            .iter()
            .map(|(line, _)| *line)
            .collect();
        assert_eq!(lines, [2, 4, 5]);
        let read = rows(file.as_bytes());
        assert!(read[0]
            .1
            .as_ref()
            .is_ok_and(|row| row.description == "two\nlines"));
        assert!(read[2].1.as_ref().is_err_and(|problem| problem.line == 5));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_a_problem_of_their_row_and_the_rest_is_read() {
        let mut file = b"name,kind,hq_country\nA\xff\xfe,ngo,ML\n".to_vec();
        file.extend_from_slice("Réseau,ngo,SN\n".as_bytes());
        let read = rows(&file[..]);
        assert_eq!(read.len(), 2);
        assert!(read[0].1.is_err());
        assert!(read[1].1.as_ref().is_ok_and(|row| row.name == "Réseau"));
    }

    proptest::proptest! {
        /// Whatever the file holds, it is read to its end, every row with its line.
        #[test]
        fn any_file_is_read_without_a_panic(file in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let mut last = 0;
            for (line, _) in rows(&file[..]) {
                proptest::prop_assert!(line >= 1 && line >= last);
                last = line;
            }
        }
    }
}
