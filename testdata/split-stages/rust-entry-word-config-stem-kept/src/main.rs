fn main() {
    // `--config conf/app`: the loader tries conf/app.toml, conf/app.json, conf/app.yaml...
    let name = std::env::args().nth(2).unwrap_or_default();
    println!("config {}", name);
}
