//! The `passerelle` binary: read settings, then serve, migrate, seed, import, back up,
//! restore or create an administrator.

use clap::Parser;
use passerelle::server::cli::{
    backup, bench, import, migrate_data, seed, Cli, Command, ImportKind,
};
use passerelle::server::config::Config;
use passerelle::server::db::Pool;
use passerelle::server::{auth, db, startup::Application, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init(&cli.settings.log)?;
    let config = Config::from_settings(&cli.settings)?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(&config).await?;
            tracing::info!("Passerelle is ready at http://{}", config.site_addr);
            println!("Passerelle is running: open http://{}", config.site_addr);
            app.run().await
        }
        Command::MigrateData { from, to } => {
            let counts = migrate_data::run(&from, &to).await?;
            let mut short = Vec::new();
            println!("{:<24} {:>10} {:>10}", "table", "from", "to");
            for c in &counts {
                println!("{:<24} {:>10} {:>10}", c.table, c.from, c.to);
                if c.from != c.to {
                    short.push(c.table);
                }
            }
            if !short.is_empty() {
                anyhow::bail!("row counts differ in: {}", short.join(", "));
            }
            println!(
                "Moved {} rows; every table's count matches.",
                counts.iter().map(|c| c.to).sum::<i64>()
            );
            Ok(())
        }
        Command::Backup { file } => {
            let made = backup::backup(&config.database_url, &file).await?;
            println!(
                "Backed up to {}: {} members, {} organizations, {} photos, {:.1} MB.",
                file.display(),
                made.members,
                made.organizations,
                made.photos,
                made.bytes as f64 / 1e6
            );
            Ok(())
        }
        Command::Restore { file, force } => {
            let back = backup::restore(&config.database_url, &file, force).await?;
            println!(
                "Restored from {}: {} members, {} organizations, {} photos. Start the servers.",
                file.display(),
                back.members,
                back.organizations,
                back.photos
            );
            Ok(())
        }
        Command::Migrate => {
            db::migrate(&db::connect(&config.database_url).await?).await?;
            println!("The database is up to date.");
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let pool = migrated(&config).await?;
            let outcome = auth::create_admin(&pool, &email, &name, read_password).await?;
            println!("{email} is now an administrator ({outcome:?}).");
            Ok(())
        }
        Command::Seed {
            scale: Some(members),
            ..
        } => {
            let started = std::time::Instant::now();
            let made =
                seed::scale::seed(&migrated(&config).await?, seed::scale::Scale::of(members))
                    .await?;
            println!(
                "Demo community ready in {:.1} s: {} members, {} organizations, {} needs.\n\
                 Log in as member0@demo.passerelle.example with the password \"{}\".",
                started.elapsed().as_secs_f64(),
                made.members,
                made.organizations,
                made.needs,
                seed::DEMO_PASSWORD
            );
            Ok(())
        }
        Command::Seed { .. } => {
            let report = seed::demo(&migrated(&config).await?, seed::Size::default()).await?;
            println!(
                "Demo community ready: {} members, {} organizations in {} countries, {} spotlights, \
                 {} open needs, {} introductions.\n\
                 Log in as member0@demo.passerelle.example, moderator@demo.passerelle.example \
                 or admin@demo.passerelle.example with the password \"{}\".",
                report.members,
                report.organizations,
                report.countries,
                report.spotlights,
                report.needs,
                report.introductions,
                seed::DEMO_PASSWORD
            );
            Ok(())
        }
        Command::BenchMatching {
            members,
            organizations,
            queries,
        } => {
            bench::run(bench::Size {
                members,
                organizations,
                queries,
            })
            .await
        }
        Command::Import {
            what: ImportKind::Organizations { file },
        } => {
            match import::organizations(&migrated(&config).await?, &file).await? {
                import::Outcome::Imported(n) => println!("Imported {n} organizations."),
                import::Outcome::Refused(problems) => {
                    for p in &problems {
                        eprintln!("line {}: {}: {}", p.line, p.field, p.reason);
                    }
                    anyhow::bail!("nothing was imported: {} problems", problems.len());
                }
            }
            Ok(())
        }
    }
}

/// Opens the database and brings it up to date.
async fn migrated(config: &Config) -> anyhow::Result<Pool> {
    let pool = db::connect(&config.database_url).await?;
    db::migrate(&pool).await?;
    Ok(pool)
}

/// The new administrator's password, from the environment or the terminal.
fn read_password() -> anyhow::Result<String> {
    match std::env::var("PASSERELLE_ADMIN_PASSWORD") {
        Ok(password) => Ok(password),
        Err(_) => Ok(rpassword::prompt_password(
            "Password for the new administrator: ",
        )?),
    }
}
