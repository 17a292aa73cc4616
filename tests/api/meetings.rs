//! Meetings after an accepted introduction, over HTTP: only its two sides propose, pick
//! or cancel; times are read in the proposer's zone and shown in each reader's; the
//! `.ics` file carries the picked time in UTC; the reminder goes once.

use crate::follow_up::{accepted, follow};
use crate::helpers::{app_error, new_client, spawn_app, succeeded, TestApp};
use passerelle::domain::meeting::{MeetingStatus, Mode};
use passerelle::domain::{AppError, FieldIssue};
use passerelle::server::time_zones;
use reqwest::Client;

/// A time `days` from now, on the hour (Unix seconds).
fn in_days(days: i64) -> i64 {
    let now = passerelle::server::db::now();
    (now + days * 86_400) / 3600 * 3600
}

/// `at` as someone in `zone` types it in a `datetime-local` field.
fn typed(at: i64, zone: &str) -> String {
    time_zones::field_value(at, &time_zones::get(zone).expect("a zone"))
}

async fn propose(
    app: &TestApp,
    client: &Client,
    id: &str,
    seen: i64,
    zone: &str,
    slots: [&str; 3],
) -> reqwest::Response {
    let seen = seen.to_string();
    app.call(
        client,
        "propose_meeting",
        &[
            ("id", id),
            ("proposal[seen]", &seen),
            ("proposal[mode]", "online"),
            ("proposal[link]", "https://meet.example.org/amina-kofi"),
            ("proposal[place]", ""),
            ("proposal[minutes]", "45"),
            ("proposal[zone]", zone),
            ("proposal[slot1]", slots[0]),
            ("proposal[slot2]", slots[1]),
            ("proposal[slot3]", slots[2]),
        ],
    )
    .await
}

async fn pick(
    app: &TestApp,
    client: &Client,
    id: &str,
    meeting: i64,
    at: i64,
) -> reqwest::Response {
    let (meeting, at) = (meeting.to_string(), at.to_string());
    app.call(
        client,
        "pick_meeting_time",
        &[("id", id), ("meeting", &meeting), ("starts_at", &at)],
    )
    .await
}

async fn cancel(app: &TestApp, client: &Client, id: &str, meeting: i64) -> reqwest::Response {
    let meeting = meeting.to_string();
    app.call(
        client,
        "cancel_meeting",
        &[("id", id), ("meeting", &meeting)],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_two_sides_propose_and_pick_and_each_reads_the_time_in_their_zone() {
    let app = spawn_app().await;
    let (amina, kofi, zara, id) = accepted(&app).await;
    let (first, second) = (in_days(10), in_days(12));
    let slots = [
        typed(first, "Europe/Paris"),
        typed(second, "Europe/Paris"),
        String::new(),
    ];
    let slots = [slots[0].as_str(), slots[1].as_str(), ""];

    // A third member, and nobody signed in, can neither propose nor read.
    assert_eq!(
        propose(&app, &zara, &id, 0, "Europe/Paris", slots)
            .await
            .status(),
        403
    );
    assert_eq!(
        propose(&app, &new_client(), &id, 0, "Europe/Paris", slots)
            .await
            .status(),
        401
    );
    assert!(follow(&app, &amina, &id).await.meeting.is_none());

    // Kofi reads the times in his own zone, once he has chosen it (and is emailed in it).
    assert!(succeeded(
        &app.call(
            &kofi,
            "save_time_zone",
            &[("id", &id), ("time_zone", "America/Bogota")]
        )
        .await
    ));
    assert!(succeeded(
        &propose(&app, &amina, &id, 0, "Europe/Paris", slots).await
    ));
    let seen = follow(&app, &kofi, &id).await;
    assert_eq!(seen.time_zone, "America/Bogota");
    let meeting = seen.meeting.expect("a meeting proposed");
    assert_eq!(meeting.status, MeetingStatus::Proposed);
    assert_eq!(meeting.mode, Mode::Online);
    assert_eq!(meeting.place, "https://meet.example.org/amina-kofi");
    let bogota = time_zones::get("America/Bogota").expect("a zone");
    let times: Vec<(i64, String)> = meeting
        .slots
        .iter()
        .map(|s| (s.starts_at, s.local.clone()))
        .collect();
    assert_eq!(
        times,
        vec![
            (first, time_zones::local(first, &bogota)),
            (second, time_zones::local(second, &bogota)),
        ]
    );
    // He is told by email, with the times in his zone.
    let (_, body) = app.last_mail("kofi@example.org").await.expect("a mail");
    assert!(body.contains(&time_zones::local(first, &bogota)), "{body}");
    assert!(body.contains("America/Bogota"), "{body}");

    // His inbox shows it waiting for his pick.
    let inbox: passerelle::domain::Inbox = app
        .call(&kofi, "inbox", &[])
        .await
        .json()
        .await
        .expect("an inbox");
    assert_eq!(
        inbox.received[0].meeting.as_ref().map(|m| m.status),
        Some(MeetingStatus::Proposed)
    );

    // Amina cannot pick her own proposal; Zara cannot pick or cancel at all.
    assert_eq!(
        pick(&app, &amina, &id, meeting.id, first).await.status(),
        403
    );
    assert_eq!(
        pick(&app, &zara, &id, meeting.id, first).await.status(),
        403
    );
    assert_eq!(cancel(&app, &zara, &id, meeting.id).await.status(), 403);
    // A time that was not offered is refused.
    assert_eq!(
        app_error(pick(&app, &kofi, &id, meeting.id, first + 60).await).await,
        AppError::Form(
            passerelle::domain::FormErrors::default().field("slot", FieldIssue::InvalidChoice)
        )
    );
    assert_eq!(
        follow(&app, &amina, &id).await.meeting.map(|m| m.status),
        Some(MeetingStatus::Proposed)
    );

    assert!(succeeded(&pick(&app, &kofi, &id, meeting.id, second).await));
    let hers = follow(&app, &amina, &id).await.meeting.expect("a meeting");
    assert_eq!(hers.status, MeetingStatus::Confirmed);
    let paris = time_zones::get("Europe/Paris").expect("a zone");
    assert_eq!(
        hers.chosen().map(|s| s.local.clone()),
        Some(time_zones::local(second, &paris))
    );
    let (subject, _) = app.last_mail("amina@example.org").await.expect("a mail");
    assert!(subject.contains("confirmed"), "{subject}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendar_file_carries_the_picked_time_in_utc_for_the_two_sides_only() {
    let app = spawn_app().await;
    let (amina, kofi, zara, id) = accepted(&app).await;
    let at = in_days(20) + 30 * 60;
    let slot = typed(at, "Asia/Kolkata");
    assert!(succeeded(
        &propose(&app, &amina, &id, 0, "Asia/Kolkata", [&slot, "", ""]).await
    ));
    let meeting = follow(&app, &kofi, &id).await.meeting.expect("a meeting");
    let ics = app.url(&format!("/introductions/{id}/meeting.ics"));
    // Nothing to add to a calendar before a time is picked.
    assert_eq!(kofi.get(&ics).send().await.expect("sent").status(), 404);
    assert!(succeeded(&pick(&app, &kofi, &id, meeting.id, at).await));

    let response = kofi.get(&ics).send().await.expect("sent");
    assert_eq!(response.status(), 200);
    assert!(response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/calendar")));
    let file = response.text().await.expect("a body");
    assert!(file.starts_with("BEGIN:VCALENDAR"), "{file}");
    let start = format!("DTSTART:{}", time_zones::ical_utc(at));
    let end = format!("DTEND:{}", time_zones::ical_utc(at + 45 * 60));
    assert!(file.contains(&start), "{start} in {file}");
    assert!(file.contains(&end), "{end} in {file}");
    assert!(
        file.contains("https://meet.example.org/amina-kofi"),
        "{file}"
    );
    // Amina's file names her zone; the time stays the same instant.
    let hers = amina
        .get(&ics)
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("a body");
    assert!(hers.contains("X-WR-TIMEZONE:Asia/Kolkata"), "{hers}");
    assert!(hers.contains(&start), "{hers}");

    assert_eq!(zara.get(&ics).send().await.expect("sent").status(), 403);
    let nobody = new_client().get(&ics).send().await.expect("sent");
    assert!(nobody.status().is_redirection(), "{}", nobody.status());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_times_replace_a_proposal_and_a_stale_page_changes_nothing() {
    let app = spawn_app().await;
    let (amina, kofi, _, id) = accepted(&app).await;
    let hers = typed(in_days(5), "UTC");
    assert!(succeeded(
        &propose(&app, &amina, &id, 0, "UTC", [&hers, "", ""]).await
    ));
    let first = follow(&app, &kofi, &id).await.meeting.expect("a meeting");

    // Kofi answers with other times; Amina's page still shows her proposal.
    let his_at = in_days(6);
    let his = typed(his_at, "UTC");
    assert!(succeeded(
        &propose(&app, &kofi, &id, first.id, "UTC", [&his, "", ""]).await
    ));
    let second = follow(&app, &amina, &id).await.meeting.expect("a meeting");
    assert_ne!(second.id, first.id);
    assert_eq!(
        second.slots.iter().map(|s| s.starts_at).collect::<Vec<_>>(),
        vec![his_at]
    );
    let changed = AppError::Form(
        passerelle::domain::FormErrors::default().field("meeting", FieldIssue::MeetingChanged),
    );
    assert_eq!(
        app_error(cancel(&app, &amina, &id, first.id).await).await,
        changed
    );
    assert_eq!(
        app_error(propose(&app, &amina, &id, first.id, "UTC", [&hers, "", ""]).await).await,
        changed
    );

    // Bad times are refused beside their fields, with what was typed kept.
    let response = propose(
        &app,
        &amina,
        &id,
        second.id,
        "UTC",
        ["2026-02-30T10:00", &hers, &hers],
    )
    .await;
    let AppError::Form(errors) = app_error(response).await else {
        panic!("a refused form");
    };
    assert_eq!(errors.issue("slot1"), Some(FieldIssue::InvalidDateTime));
    assert_eq!(errors.issue("slot3"), Some(FieldIssue::SlotRepeated));
    assert_eq!(errors.value("slot1"), Some("2026-02-30T10:00"));

    // Cancelled, the other side is told, and the page offers a new proposal.
    assert!(succeeded(&cancel(&app, &amina, &id, second.id).await));
    assert!(follow(&app, &kofi, &id).await.meeting.is_none());
    let (subject, _) = app.last_mail("kofi@example.org").await.expect("a mail");
    assert!(subject.contains("cancelled"), "{subject}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_sides_are_reminded_once_the_day_before() {
    use passerelle::server::introductions::{meetings::remind_due, Mailer};
    let app = spawn_app().await;
    let (amina, kofi, _, id) = accepted(&app).await;
    let at = in_days(2);
    let slot = typed(at, "UTC");
    assert!(succeeded(
        &propose(&app, &amina, &id, 0, "UTC", [&slot, "", ""]).await
    ));
    let meeting = follow(&app, &kofi, &id).await.meeting.expect("a meeting");
    assert!(succeeded(&pick(&app, &kofi, &id, meeting.id, at).await));

    let db = app.db().await;
    let mailer = Mailer {
        public_url: "https://passerelle.example".into(),
        wake: Default::default(),
    };
    // Two days ahead: not yet. A day ahead: once, however often the sweep runs.
    assert_eq!(
        remind_due(&db, &mailer, at - 2 * 86_400)
            .await
            .expect("swept"),
        0
    );
    assert_eq!(
        remind_due(&db, &mailer, at - 86_400 + 60)
            .await
            .expect("swept"),
        1
    );
    assert_eq!(remind_due(&db, &mailer, at - 3600).await.expect("swept"), 0);
    for to in ["amina@example.org", "kofi@example.org"] {
        let reminders = app
            .mails(to)
            .await
            .into_iter()
            .filter(|(subject, _)| subject.contains("tomorrow"))
            .count();
        assert_eq!(reminders, 1, "{to}");
    }
}
