use tera::Tera;

fn main() {
    dotenvy::dotenv().ok();
    let settings = config::Config::builder()
        .add_source(config::File::with_name("settings"))
        .build()
        .unwrap();
    let tera = Tera::new("templates/**/*.html").unwrap();
    let _ = (settings, tera);
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads() {
        let _ = std::fs::read_to_string(std::env::temp_dir());
    }
}
