//! The `passerelle` binary: read settings, then serve, migrate or create an administrator.

use clap::Parser;
use passerelle::server::cli::{Cli, Command};
use passerelle::server::config::Config;
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
        Command::Migrate => {
            db::migrate(&db::connect(&config.database_url).await?).await?;
            println!("The database is up to date.");
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let pool = db::connect(&config.database_url).await?;
            db::migrate(&pool).await?;
            let outcome = auth::create_admin(&pool, &email, &name, read_password).await?;
            println!("{email} is now an administrator ({outcome:?}).");
            Ok(())
        }
    }
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
